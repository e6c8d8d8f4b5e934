package dev.lifecycle.sample.heartbeat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import dev.lifecycle.sample.BackgroundLoop;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One start cycle of the heartbeat: a daemon thread that writes a row, waits for the interval or the stop signal,
 * and repeats, keeping the last {@value #KEPT_BEATS} rows.
 */
final class HeartbeatLoop extends BackgroundLoop {

    static final int KEPT_BEATS = 100;

    private static final Logger logger = LoggerFactory.getLogger(HeartbeatLoop.class);

    private final DataSource dataSource;
    private final Duration interval;
    private final Consumer<Throwable> failure;

    private volatile long beats;

    HeartbeatLoop(DataSource dataSource, Duration interval, Consumer<Throwable> failure) {
        super("heartbeat");
        this.dataSource = dataSource;
        this.interval = interval;
        this.failure = failure;
    }

    /** How many rows the loop has written. */
    long beats() {
        return beats;
    }

    @Override
    protected void loop() {
        logger.info("Heartbeat loop started, one beat every {} ms", interval.toMillis());
        try {
            do {
                beat();
            }
            while (!pause(interval));
            logger.info("Heartbeat loop ended after {} beats", beats);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            logger.warn("Heartbeat loop interrupted after {} beats", beats);
        }
        catch (SQLException | RuntimeException ex) {
            logger.info("Heartbeat loop ended after {} beats: a write failed", beats);
            failure.accept(ex);
        }
    }

    private void beat() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO heartbeat (beat_at) VALUES (?)");
                PreparedStatement prune = connection.prepareStatement(
                        "DELETE FROM heartbeat WHERE id <= (SELECT MAX(id) FROM heartbeat) - ?")) {
            insert.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
            prune.setInt(1, KEPT_BEATS);
            prune.executeUpdate();
        }
        beats++;
        logger.debug("Heartbeat {}", beats);
    }
}
