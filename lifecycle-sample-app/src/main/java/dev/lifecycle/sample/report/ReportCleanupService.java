package dev.lifecycle.sample.report;

import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceInit;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.sample.BackgroundLoopService;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@code reportCleanup} service: deletes the {@code report_run} rows older than the retention, once when it starts
 * and then every tenth of the retention. It depends on {@link ReportService report}, so it runs where the report runs
 * and moves with it: on the instance that leads the group {@value ReportService#GROUP}, started after the report and
 * stopped before it.
 */
public final class ReportCleanupService extends BackgroundLoopService<ReportCleanupLoop> {

    /** The service name, which is also its bean name. */
    public static final String NAME = "reportCleanup";

    /** The key this service is installed under. */
    public static final ServiceKey<Void> KEY = ServiceKey.of(NAME, Void.class);

    private final DataSource dataSource;
    private final Duration retention;

    /**
     * A clean-up of the report rows in {@code dataSource}.
     *
     * @param dataSource the shared database holding the {@code report_run} table
     * @param properties the retention
     */
    public ReportCleanupService(DataSource dataSource, ReportProperties properties) {
        super("report clean-up loop");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.retention = properties.retention();
    }

    @Override
    public void init(ServiceInit init) {
        init.dependsOn(ReportService.NAME);
    }

    @Override
    protected ReportCleanupLoop newLoop(ServiceContext context) {
        return new ReportCleanupLoop(dataSource, retention);
    }

    /** The loop of the current start cycle, if one has started. */
    @Nullable ReportCleanupLoop loop() {
        return currentLoop();
    }
}
