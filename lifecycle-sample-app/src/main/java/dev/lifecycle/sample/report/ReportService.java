package dev.lifecycle.sample.report;

import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.sample.BackgroundLoopService;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@code report} service, leader-only in the group {@value #GROUP}: while this instance leads the group, a
 * background loop writes a row to the fleet's shared {@code report_run} table every interval (this instance's name,
 * the start cycle, and the database's time). The other instances keep it on standby, so one instance at a time writes
 * the report; when the leader stops or dies, another takes over.
 *
 * <p>A run whose write fails (the database unreachable) is logged and tried again at the next interval: the service
 * stays up, and leaves it to leadership to stop it when this instance can no longer hold the group's lock.
 */
public final class ReportService extends BackgroundLoopService<ReportLoop> {

    /** The service name, which is also its bean name. */
    public static final String NAME = "report";

    /** The leader group: the instance that leads it runs the service. */
    public static final String GROUP = "reports";

    /** The key this service is installed under. */
    public static final ServiceKey<Void> KEY = ServiceKey.of(NAME, Void.class);

    private final DataSource dataSource;
    private final String instance;
    private final Duration interval;

    /**
     * A report written to {@code dataSource}, the fleet's shared database.
     *
     * @param dataSource the shared database holding the {@code report_run} table
     * @param properties the interval and this instance's name
     */
    public ReportService(DataSource dataSource, ReportProperties properties) {
        super("report loop");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.instance = properties.instanceName();
        this.interval = properties.interval();
    }

    @Override
    protected ReportLoop newLoop(ServiceContext context) {
        return new ReportLoop(dataSource, instance, interval);
    }

    /** The loop of the current start cycle, if one has started. */
    @Nullable ReportLoop loop() {
        return currentLoop();
    }
}
