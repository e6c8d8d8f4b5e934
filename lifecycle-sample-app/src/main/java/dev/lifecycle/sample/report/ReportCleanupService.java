package dev.lifecycle.sample.report;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceInit;
import dev.lifecycle.core.ServiceKey;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code reportCleanup} service: deletes the {@code report_run} rows older than the retention, once when it starts
 * and then every tenth of the retention. It depends on {@link ReportService report}, so it runs where the report runs
 * and moves with it: on the instance that leads the group {@value ReportService#GROUP}, started after the report and
 * stopped before it.
 */
public final class ReportCleanupService implements Service<Void> {

    /** The service name, which is also its bean name. */
    public static final String NAME = "reportCleanup";

    /** The key this service is installed under. */
    public static final ServiceKey<Void> KEY = ServiceKey.of(NAME, Void.class);

    private static final Logger logger = LoggerFactory.getLogger(ReportCleanupService.class);

    private final DataSource dataSource;
    private final Duration retention;

    private volatile @Nullable ReportCleanupLoop loop;

    /**
     * A clean-up of the report rows in {@code dataSource}.
     *
     * @param dataSource the shared database holding the {@code report_run} table
     * @param properties the retention
     */
    public ReportCleanupService(DataSource dataSource, ReportProperties properties) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.retention = properties.retention();
    }

    @Override
    public void init(ServiceInit init) {
        init.dependsOn(ReportService.NAME);
    }

    @Override
    public @Nullable Void start(ServiceContext context) {
        ReportCleanupLoop started = new ReportCleanupLoop(dataSource, retention);
        started.start();
        loop = started;
        return null;
    }

    @Override
    public void stop(ServiceContext context) {
        ReportCleanupLoop current = loop;
        if (current != null) {
            current.signalStop();
        }
    }

    @Override
    public void join(ServiceContext context) throws InterruptedException {
        ReportCleanupLoop current = loop;
        if (current != null && !current.join(context.stopTimeout())) {
            logger.warn("The report clean-up loop did not end within {}", context.stopTimeout());
        }
    }

    /** The loop of the current start cycle, if one has started. */
    @Nullable ReportCleanupLoop loop() {
        return loop;
    }
}
