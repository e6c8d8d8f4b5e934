package dev.lifecycle.sample.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.FailureInfo;
import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.ServiceContext;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.sample.database.DatabaseService;
import dev.lifecycle.sample.database.DatabaseProperties;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The heartbeat in a real registry, on an in-memory database: graceful stop, and failure through its context.
 */
class HeartbeatServiceTests {

    private ServiceRegistry registry;

    @AfterEach
    void closeRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void stopWaitsForTheLoopToEndAndEveryBeatIsWritten() throws Exception {
        String url = "jdbc:h2:mem:heartbeat-stop;DB_CLOSE_DELAY=-1";
        DatabaseProperties properties = new DatabaseProperties();
        properties.setUrl(url);
        properties.setPoolSize(2);
        registry = ServiceRegistry.builder().build();
        registry.install(ServiceDefinition.of(DatabaseService.NAME, DataSource.class, new DatabaseService(properties)));
        HeartbeatService heartbeat = new HeartbeatService(Duration.ofMillis(10));
        registry.install(ServiceDefinition.of(HeartbeatService.NAME, Void.class, heartbeat));
        registry.startAll().get(30, TimeUnit.SECONDS);
        HeartbeatLoop loop = heartbeat.loop();
        assertThat(loop).isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> loop.beats() >= 3);

        registry.stopAll().get(30, TimeUnit.SECONDS);

        assertThat(loop.isAlive()).isFalse();
        long rows = JdbcClient.create(dataSource(url)).sql("SELECT COUNT(*) FROM heartbeat").query(Long.class).single();
        assertThat(rows).isEqualTo(Math.min(loop.beats(), HeartbeatLoop.KEPT_BEATS));
    }

    @Test
    void failedWriteFailsTheHeartbeatThroughItsContext() throws Exception {
        // A database without the heartbeat table: the first beat fails.
        registry = ServiceRegistry.builder()
                .override(DatabaseService.KEY, dataSource("jdbc:h2:mem:heartbeat-no-table;DB_CLOSE_DELAY=-1"))
                .build();
        registry.install(ServiceDefinition.of(DatabaseService.NAME, DataSource.class, HeartbeatServiceTests::replaced));
        registry.install(ServiceDefinition.builder(HeartbeatService.KEY, new HeartbeatService(Duration.ofHours(1)))
                .restartPolicy(RestartPolicy.never())
                .build());

        registry.startAll();

        await().atMost(Duration.ofSeconds(30)).until(() -> state("heartbeat") == ServiceState.FAILED);
        FailureInfo failure = registry.snapshot("heartbeat").map(ServiceSnapshot::lastFailure).orElseThrow();
        assertThat(failure.type()).isEqualTo("org.h2.jdbc.JdbcSQLSyntaxErrorException");
        assertThat(failure.message()).contains("Table \"HEARTBEAT\" not found");
        assertThat(state("database")).isEqualTo(ServiceState.RUNNING);
    }

    private ServiceState state(String id) {
        return registry.snapshot(id).orElseThrow().state();
    }

    /** The implementation of a service the registry's override replaces: never called. */
    private static <T> T replaced(ServiceContext context) {
        throw new AssertionError(context.key() + " is replaced by an override");
    }

    private static DataSource dataSource(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        return dataSource;
    }
}
