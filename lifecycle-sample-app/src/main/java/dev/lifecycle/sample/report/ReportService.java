package dev.lifecycle.sample.report;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceKey;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code report} service, leader-only in the group {@value #GROUP}: while this instance leads the group, a
 * background loop writes a row to the fleet's shared {@code report_run} table every interval (this instance's name,
 * the start cycle, and the database's time). The other instances keep it on standby, so one instance at a time writes
 * the report; when the leader stops or dies, another takes over.
 *
 * <p>A run whose write fails (the database unreachable) is logged and tried again at the next interval: the service
 * stays up, and leaves it to leadership to stop it when this instance can no longer hold the group's lock.
 */
public final class ReportService implements Service<Void> {

    /** The service name, which is also its bean name. */
    public static final String NAME = "report";

    /** The leader group: the instance that leads it runs the service. */
    public static final String GROUP = "reports";

    /** The key this service is installed under. */
    public static final ServiceKey<Void> KEY = ServiceKey.of(NAME, Void.class);

    private static final Logger logger = LoggerFactory.getLogger(ReportService.class);

    private final DataSource dataSource;
    private final String instance;
    private final Duration interval;

    private volatile @Nullable ReportLoop loop;

    /**
     * A report written to {@code dataSource}, the fleet's shared database.
     *
     * @param dataSource the shared database holding the {@code report_run} table
     * @param properties the interval and this instance's name
     */
    public ReportService(DataSource dataSource, ReportProperties properties) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.instance = properties.instanceName();
        this.interval = properties.interval();
    }

    @Override
    public @Nullable Void start(ServiceContext context) {
        ReportLoop started = new ReportLoop(dataSource, instance, interval);
        started.start();
        loop = started;
        return null;
    }

    @Override
    public void stop(ServiceContext context) {
        ReportLoop current = loop;
        if (current != null) {
            current.signalStop();
        }
    }

    @Override
    public void join(ServiceContext context) throws InterruptedException {
        ReportLoop current = loop;
        if (current != null && !current.join(context.stopTimeout())) {
            logger.warn("The report loop did not end within {}", context.stopTimeout());
        }
    }

    /** The loop of the current start cycle, if one has started. */
    @Nullable ReportLoop loop() {
        return loop;
    }
}
