package dev.lifecycle.sample.report;

import dev.lifecycle.sample.BackgroundLoop;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One start cycle of the report's clean-up: a daemon thread that deletes the {@code report_run} rows older than the
 * retention, then waits a tenth of it (or the stop signal), and repeats. A failed delete is logged and the loop goes
 * on.
 */
final class ReportCleanupLoop extends BackgroundLoop {

    private static final Logger logger = LoggerFactory.getLogger(ReportCleanupLoop.class);

    private final DataSource dataSource;
    private final Duration retention;

    private volatile long deleted;

    ReportCleanupLoop(DataSource dataSource, Duration retention) {
        super("report-cleanup");
        this.dataSource = dataSource;
        this.retention = retention;
    }

    /** How many rows the loop has deleted. */
    long deleted() {
        return deleted;
    }

    @Override
    protected void loop() {
        Duration pause = retention.dividedBy(10);
        try {
            do {
                cleanUp();
            }
            while (!pause(pause));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void cleanUp() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM report_run WHERE run_at < ?")) {
            delete.setObject(1, OffsetDateTime.now(ZoneOffset.UTC).minus(retention));
            int rows = delete.executeUpdate();
            deleted += rows;
            if (rows > 0) {
                logger.info("Deleted {} report rows older than {}", rows, retention);
            }
        }
        catch (SQLException | RuntimeException ex) {
            logger.warn("Report clean-up failed, trying again in {}: {}", retention.dividedBy(10), ex.toString());
        }
    }
}
