package dev.lifecycle.sample.heartbeat;

import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceInit;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.sample.BackgroundLoopService;
import dev.lifecycle.sample.database.DatabaseService;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@code heartbeat} service: a background loop writing a row to the current database every interval. Shows a
 * graceful stop: {@link #stop} only signals the loop, {@link #join} waits for it to finish the beat in progress and
 * end. A write that fails fails the service through its context, and the registry restarts it.
 */
public final class HeartbeatService extends BackgroundLoopService<HeartbeatLoop> {

    /** The service name, which is also its bean name. */
    public static final String NAME = "heartbeat";

    /** The key this service is installed under. */
    public static final ServiceKey<Void> KEY = ServiceKey.of(NAME, Void.class);

    private final Duration interval;

    private @Nullable ServiceHandle<DataSource> database;

    /**
     * A heartbeat writing a row every {@code interval}.
     *
     * @param interval the time between two beats
     */
    public HeartbeatService(Duration interval) {
        super("heartbeat loop");
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The heartbeat interval must be positive, was " + interval);
        }
        this.interval = interval;
    }

    @Override
    public void init(ServiceInit init) {
        database = init.requires(DatabaseService.KEY);
    }

    @Override
    protected HeartbeatLoop newLoop(ServiceContext context) {
        DataSource dataSource = Objects.requireNonNull(Objects.requireNonNull(database, "not installed").get());
        return new HeartbeatLoop(dataSource, interval, context::fail);
    }

    /** The loop of the current start cycle, if one has started. */
    @Nullable HeartbeatLoop loop() {
        return currentLoop();
    }
}
