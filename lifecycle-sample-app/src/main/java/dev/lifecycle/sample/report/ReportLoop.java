package dev.lifecycle.sample.report;

import dev.lifecycle.sample.BackgroundLoop;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One start cycle of the report: a daemon thread that writes a row to {@code report_run} (instance, cycle, the
 * database's time), waits for the interval or the stop signal, and repeats. A failed write is logged and the loop
 * goes on.
 */
final class ReportLoop extends BackgroundLoop {

    private static final Logger logger = LoggerFactory.getLogger(ReportLoop.class);

    private final DataSource dataSource;
    private final String instance;
    private final Duration interval;
    private final String cycle = UUID.randomUUID().toString();

    private volatile long runs;
    private volatile long failedRuns;

    ReportLoop(DataSource dataSource, String instance, Duration interval) {
        super("report");
        this.dataSource = dataSource;
        this.instance = instance;
        this.interval = interval;
    }

    /** How many rows the loop has written. */
    long runs() {
        return runs;
    }

    /** How many runs failed to write their row. */
    long failedRuns() {
        return failedRuns;
    }

    /** The id of this start cycle, written in each of its rows. */
    String cycle() {
        return cycle;
    }

    @Override
    protected void loop() {
        logger.info("Report loop started on {}, one row every {} ms (cycle {})", instance, interval.toMillis(), cycle);
        try {
            do {
                run();
            }
            while (!pause(interval));
            logger.info("Report loop ended after {} rows", runs);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            logger.warn("Report loop interrupted after {} rows", runs);
        }
    }

    private void run() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO report_run (instance, cycle_id, run_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
            insert.setString(1, instance);
            insert.setString(2, cycle);
            insert.executeUpdate();
            runs++;
        }
        catch (SQLException | RuntimeException ex) {
            failedRuns++;
            logger.warn("Report run failed, trying again in {} ms: {}", interval.toMillis(), ex.toString());
        }
    }
}
