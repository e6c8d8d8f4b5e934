package dev.lifecycle.sample.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceState;
import dev.lifecycle.core.TransitionReason;
import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The leader-only report and its clean-up in a real registry on an in-memory database, leadership granted and revoked
 * by hand as the starter's leader election does: they run only while the instance leads {@code reports}, the clean-up
 * starting after the report and stopping before it; a run whose write fails is retried, the service staying up.
 */
class ReportServiceTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<String> transitions = new CopyOnWriteArrayList<>();

    private ServiceRegistry registry;

    @AfterEach
    void closeRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void reportAndItsCleanupRunOnlyWhileThisInstanceLeadsTheGroup() throws Exception {
        DataSource fleet = fleet("report-leadership");
        ReportService report = new ReportService(fleet, properties(Duration.ofMillis(20), "instance-a"));
        install(report, new ReportCleanupService(fleet, properties(Duration.ofMillis(20), "instance-a")));

        registry.startAll().get(30, TimeUnit.SECONDS);

        assertThat(state(ReportService.NAME)).isEqualTo(ServiceState.STOPPED);
        assertThat(registry.snapshot(ReportService.NAME).orElseThrow().reason()).isEqualTo(TransitionReason.LEADERSHIP);
        assertThat(state(ReportCleanupService.NAME)).isEqualTo(ServiceState.WAITING);
        assertThat(rows(fleet)).isZero();

        registry.leadership().grant(ReportService.GROUP);
        await().atMost(TIMEOUT).until(() -> state(ReportCleanupService.NAME) == ServiceState.RUNNING);
        await().atMost(TIMEOUT).until(() -> rows(fleet) >= 3);
        assertThat(JdbcClient.create(fleet).sql("SELECT DISTINCT instance FROM report_run").query(String.class).list())
                .containsExactly("instance-a");

        registry.leadership().revoke(ReportService.GROUP).get(30, TimeUnit.SECONDS);
        assertThat(state(ReportService.NAME)).isEqualTo(ServiceState.STOPPED);
        assertThat(state(ReportCleanupService.NAME)).isEqualTo(ServiceState.WAITING);
        ReportLoop loop = report.loop();
        assertThat(loop).isNotNull();
        assertThat(loop.isAlive()).as("the loop ended before the revoke completed").isFalse();
        assertThat(rows(fleet)).as("every run of the loop wrote its row").isEqualTo(loop.runs());
        assertThat(transitions).containsSubsequence("reportCleanup:STARTING->RUNNING", "report:RUNNING->STOPPING");
        assertThat(transitions.indexOf("report:STARTING->RUNNING"))
                .as("the clean-up starts after the report").isLessThan(transitions.indexOf("reportCleanup:WAITING->STARTING"));
        assertThat(transitions.indexOf("reportCleanup:STOPPING->WAITING"))
                .as("the clean-up stops before the report").isLessThan(transitions.indexOf("report:STOPPING->STOPPED"));
    }

    @Test
    void cleanupDeletesTheRowsOlderThanTheRetention() throws Exception {
        DataSource fleet = fleet("report-cleanup");
        JdbcClient jdbc = JdbcClient.create(fleet);
        jdbc.sql("INSERT INTO report_run (instance, cycle_id, run_at) VALUES ('old', 'c', DATEADD('HOUR', -2, CURRENT_TIMESTAMP))")
                .update();
        jdbc.sql("INSERT INTO report_run (instance, cycle_id, run_at) VALUES ('recent', 'c', CURRENT_TIMESTAMP)").update();
        ReportCleanupService cleanup = new ReportCleanupService(fleet,
                new ReportProperties(Duration.ofSeconds(1), Duration.ofHours(1), "instance-a"));
        install(new ReportService(fleet, properties(Duration.ofHours(1), "instance-a")), cleanup);
        registry.startAll().get(30, TimeUnit.SECONDS);

        registry.leadership().grant(ReportService.GROUP);

        await().atMost(TIMEOUT).until(() -> cleanup.loop() != null && cleanup.loop().deleted() == 1);
        assertThat(jdbc.sql("SELECT instance FROM report_run ORDER BY id").query(String.class).list())
                .containsExactly("recent", "instance-a");
    }

    @Test
    void failedRunIsLoggedAndTriedAgainWhileTheReportKeepsRunning() throws Exception {
        JdbcDataSource fleet = new JdbcDataSource();
        fleet.setURL("jdbc:h2:mem:report-no-table;DB_CLOSE_DELAY=-1");
        ReportService report = new ReportService(fleet, properties(Duration.ofMillis(20), "instance-a"));
        registry = ServiceRegistry.builder().build();
        registry.install(ServiceDefinition.builder(ReportService.KEY, report).leader(ReportService.GROUP).build());
        registry.startAll().get(30, TimeUnit.SECONDS);
        registry.leadership().grant(ReportService.GROUP);
        await().atMost(TIMEOUT).until(() -> report.loop() != null && report.loop().failedRuns() >= 2);
        assertThat(state(ReportService.NAME)).isEqualTo(ServiceState.RUNNING);

        // The table appears, as when the database is back: the next run writes.
        new ResourceDatabasePopulator(new ClassPathResource("fleet-schema.sql")).execute(fleet);

        await().atMost(TIMEOUT).until(() -> report.loop().runs() >= 1);
        assertThat(state(ReportService.NAME)).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void instanceNameDefaultsToTheProcessIdAndHost() {
        assertThat(new ReportProperties(Duration.ofSeconds(1), Duration.ofMinutes(10), null).instanceName())
                .startsWith(ProcessHandle.current().pid() + "@");
        assertThat(new ReportProperties(Duration.ofSeconds(1), Duration.ofMinutes(10), "a").instanceName())
                .isEqualTo("a");
    }

    @Test
    void intervalThatIsNotPositiveIsRefusedNamingTheProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReportProperties(Duration.ZERO, Duration.ofMinutes(10), null))
                .withMessage("sample.report.interval must be positive, was PT0S");
    }

    private void install(ReportService report, ReportCleanupService cleanup) {
        registry = ServiceRegistry.builder().build();
        registry.addListener(ServiceListener.ofTransitions(this::record));
        registry.install(ServiceDefinition.builder(ReportService.KEY, report).leader(ReportService.GROUP).build());
        registry.install(ServiceDefinition.of(ReportCleanupService.NAME, Void.class, cleanup));
    }

    private void record(ServiceTransition transition) {
        transitions.add(transition.key().id() + ":" + transition.from() + "->" + transition.to());
    }

    private ServiceState state(String id) {
        return registry.snapshot(id).orElseThrow().state();
    }

    private static ReportProperties properties(Duration interval, String instance) {
        return new ReportProperties(interval, Duration.ofHours(1), instance);
    }

    private static DataSource fleet(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("fleet-schema.sql")).execute(dataSource);
        return dataSource;
    }

    private static long rows(DataSource fleet) {
        return JdbcClient.create(fleet).sql("SELECT COUNT(*) FROM report_run").query(Long.class).single();
    }
}
