package dev.lifecycle.sample.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.sample.report.ReportCleanupService;
import dev.lifecycle.sample.report.ReportService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Three instances of the sample, each a JVM of its own, sharing one database server on 127.0.0.1 (PostgreSQL where it
 * is installed, else an H2 TCP server; under {@code CI=true} PostgreSQL is required): the leader-only {@code report}
 * writes a row with its instance, its start cycle and the database's time every 100 ms, and the rows prove that one
 * instance at a time runs it while the test takes the database down for longer than the lock's time-to-live, stops
 * the leader with SIGTERM, and kills the next one with SIGKILL. The measured figures are printed.
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class FleetLeadershipTests {

    /** The lock's time-to-live: a killed leader is replaced after it. */
    private static final Duration TIME_TO_LIVE = Duration.ofSeconds(2);

    private static final Duration HEARTBEAT = Duration.ofMillis(250);

    private static final Duration REPORT_INTERVAL = Duration.ofMillis(100);

    /** Three JVMs starting at once on a loaded machine with two cores. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private static final List<String> REPORT_SERVICES = List.of(ReportService.NAME, ReportCleanupService.NAME);

    private final List<FleetInstance> instances = new ArrayList<>();

    private final Map<String, String> figures = new LinkedHashMap<>();

    private FleetDatabase database;

    private DataSource fleet;

    private final Thread cleanUpOnExit = new Thread(this::cleanUp, "fleet-test-clean-up");

    @AfterEach
    void stopEverything() {
        cleanUp();
        Runtime.getRuntime().removeShutdownHook(cleanUpOnExit);
    }

    @Test
    void oneInstanceAtATimeRunsTheReportThroughAnOutageATerminationAndAKill() throws Exception {
        Runtime.getRuntime().addShutdownHook(cleanUpOnExit);
        Path directory = Files.createDirectories(Path.of("target", "fleet-leadership").toAbsolutePath());
        database = openDatabase(directory.resolve("h2"));
        System.out.println("[fleet] database: " + database.description());
        fleet = new DriverManagerDataSource(database.url(), database.username(), "");
        new ResourceDatabasePopulator(new ClassPathResource("fleet-schema.sql")).execute(fleet);
        Instant launched = Instant.now();
        for (int i = 1; i <= 3; i++) {
            instances.add(FleetInstance.launch("instance-" + i, directory.resolve("instance-" + i), arguments()));
        }
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> instances.stream().allMatch(this::serving));
        FleetInstance first = awaitLeader(START_TIMEOUT);
        System.out.printf("[fleet] 3 instances up and %s leading %d ms after launch%n", first,
                Duration.between(launched, Instant.now()).toMillis());
        for (FleetInstance instance : instances) {
            if (instance != first) {
                assertThat(instance.state(ReportService.NAME)).contains("STOPPED");
                assertThat(instance.state(ReportCleanupService.NAME)).contains("WAITING");
                assertThat(instance.leadership(ReportService.GROUP)).contains("STANDBY");
            }
        }

        databaseOutage(first);
        terminateLeader();
        killLeader();

        countOverlaps();
        for (FleetInstance instance : instances) {
            checkDependentMovesWithTheReport(instance);
        }
        System.out.println("[fleet] figures: " + figures);
    }

    /** The database down for the time-to-live and a second more: the leader stops the report, none runs it. */
    private void databaseOutage(FleetInstance leader) throws Exception {
        awaitRowAfter(Instant.now().minus(REPORT_INTERVAL), leader.name()::equals, Duration.ofSeconds(30));
        Instant down = Instant.now();
        database.stop();
        Instant stopped = Instant.now();
        await().atMost(TIME_TO_LIVE.plusSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> noneRuns(ReportService.NAME));
        Duration stepDown = Duration.between(down, Instant.now());
        assertThat(stepDown).as("the leader stopped the report before its lock expired").isLessThan(TIME_TO_LIVE);
        Instant upAt = down.plus(TIME_TO_LIVE).plusSeconds(1);
        Duration rest = Duration.between(Instant.now(), upAt);
        if (!rest.isNegative() && !rest.isZero()) {
            await().during(rest).atMost(rest.plusSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> noneRuns(ReportService.NAME) && noneRuns(ReportCleanupService.NAME));
        }
        Instant up = Instant.now();
        database.start();
        Row resumed = awaitRowAfter(up, (instance) -> true, TIME_TO_LIVE.plusSeconds(30));
        Duration outage = Duration.between(down, up);
        figures.put("outage", outage.toMillis() + " ms (stop took " + Duration.between(down, stopped).toMillis()
                + " ms)");
        figures.put("outage.stepDown", "<= " + stepDown.toMillis() + " ms after the database stopped (" + leader
                + ")");
        figures.put("outage.resumed", Duration.between(up, resumed.at()).toMillis()
                + " ms after the database started again (" + resumed.instance() + ")");
        // Until pg_ctl has stopped the server, the report may still write (its rows are the outage's first moments).
        assertThat(rowsBetween(stopped, up)).as("rows written while the database was down").isZero();
    }

    /** SIGTERM of the leader: another instance runs the report within 1 s plus its start time. */
    private void terminateLeader() throws Exception {
        FleetInstance leader = awaitLeader(Duration.ofSeconds(60));
        awaitRowAfter(Instant.now(), leader.name()::equals, Duration.ofSeconds(30));
        Instant terminated = Instant.now();
        leader.process().destroy();
        // The leader writes on until its shutdown reaches the report; the hand-over ends at another's first row.
        Row next = awaitRowAfter(terminated, (instance) -> !instance.equals(leader.name()), Duration.ofSeconds(30));
        Duration handOver = Duration.between(terminated, next.at());
        FleetInstance successor = instance(next.instance());
        Duration startTime = successor.services()
                .map((services) -> service(services.get("services"), ReportService.NAME))
                .map((report) -> Duration.parse(report.get("startDuration").asString()))
                .orElse(Duration.ZERO);
        figures.put("sigterm.handOver", handOver.toMillis() + " ms (" + leader + " -> " + successor
                + ", report start " + startTime.toMillis() + " ms)");
        assertThat(handOver).as("SIGTERM: hand-over within 1 s plus the report's start time")
                .isLessThanOrEqualTo(Duration.ofSeconds(1).plus(startTime));
        leader.terminate();
        assertThat(leader.output()).contains("Leadership of group 'reports': LEADER -> STANDBY");
    }

    /** SIGKILL of the leader: another instance runs the report within the time-to-live plus 2 s. */
    private void killLeader() throws Exception {
        FleetInstance leader = awaitLeader(Duration.ofSeconds(60));
        awaitRowAfter(Instant.now(), leader.name()::equals, Duration.ofSeconds(30));
        Instant killed = Instant.now();
        leader.kill();
        Row next = awaitRowAfter(killed, (instance) -> !instance.equals(leader.name()), TIME_TO_LIVE.plusSeconds(30));
        Duration handOver = Duration.between(killed, next.at());
        figures.put("sigkill.handOver", handOver.toMillis() + " ms (" + leader + " -> " + next.instance()
                + ", time-to-live " + TIME_TO_LIVE.toMillis() + " ms)");
        assertThat(handOver).as("SIGKILL: hand-over within the time-to-live plus 2 s")
                .isLessThanOrEqualTo(TIME_TO_LIVE.plusSeconds(2));
        awaitLeader(Duration.ofSeconds(30));
    }

    /** Every start cycle's rows span an interval; no two intervals may meet. */
    private void countOverlaps() {
        List<Row> rows = rows();
        Map<String, Instant[]> cycles = new LinkedHashMap<>();
        Map<String, String> cycleInstance = new LinkedHashMap<>();
        for (Row row : rows) {
            cycles.merge(row.cycle(), new Instant[] { row.at(), row.at() },
                    (a, b) -> new Instant[] { min(a[0], b[0]), max(a[1], b[1]) });
            cycleInstance.put(row.cycle(), row.instance());
        }
        List<String> ids = new ArrayList<>(cycles.keySet());
        int overlaps = 0;
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                Instant[] a = cycles.get(ids.get(i));
                Instant[] b = cycles.get(ids.get(j));
                if (!a[1].isBefore(b[0]) && !b[1].isBefore(a[0])) {
                    overlaps++;
                    System.out.printf("[fleet] overlap: %s %s..%s and %s %s..%s%n", cycleInstance.get(ids.get(i)),
                            a[0], a[1], cycleInstance.get(ids.get(j)), b[0], b[1]);
                }
            }
        }
        int switches = 0;
        for (int i = 1; i < rows.size(); i++) {
            if (!rows.get(i).cycle().equals(rows.get(i - 1).cycle())) {
                switches++;
            }
        }
        List<String> runs = ids.stream().map((id) -> cycleInstance.get(id) + " " + cycles.get(id)[0] + ".."
                + cycles.get(id)[1]).toList();
        System.out.println("[fleet] runs of the report, in order:\n  " + String.join("\n  ", runs));
        figures.put("rows", Integer.toString(rows.size()));
        figures.put("runs", Integer.toString(ids.size()));
        figures.put("overlappingRuns", Integer.toString(overlaps));
        figures.put("interleavedRows", Integer.toString(switches - (ids.size() - 1)));
        assertThat(overlaps).as("pairs of runs of the report that overlap in time").isZero();
        assertThat(switches).as("changes of run between consecutive rows: one per hand-over")
                .isEqualTo(ids.size() - 1);
        assertThat(ids.size()).as("runs: the first leader's, one after the outage, the SIGTERM and the SIGKILL")
                .isEqualTo(4);
    }

    /**
     * In each instance's output, the clean-up starts only while the report runs (after it), and has stopped before
     * the report's stop ends.
     */
    private static void checkDependentMovesWithTheReport(FleetInstance instance) throws Exception {
        String report = "";
        String cleanup = "";
        List<String> transitions = instance.transitions(REPORT_SERVICES);
        for (String transition : transitions) {
            String service = transition.substring(0, transition.indexOf(':'));
            String to = transition.substring(transition.indexOf("->") + 2);
            if (service.equals(ReportCleanupService.NAME)) {
                if (to.equals("STARTING")) {
                    assertThat(report).as("%s: the report when the clean-up starts, in %s", instance, transitions)
                            .isEqualTo("RUNNING");
                }
                cleanup = to;
            }
            else {
                if (report.equals("STOPPING")) {
                    assertThat(cleanup).as("%s: the clean-up when the report's stop ends, in %s", instance,
                            transitions).isIn("WAITING", "STOPPED", "INSTALLED");
                }
                report = to;
            }
        }
        long starts = transitions.stream().filter("report:STARTING->RUNNING"::equals).count();
        System.out.printf("[fleet] %s: report started %d times; transitions of the report and its clean-up: %s%n",
                instance, starts, transitions);
    }

    private FleetDatabase openDatabase(Path h2Directory) throws Exception {
        Optional<Path> bin = PostgresFleetDatabase.findBin();
        if (bin.isPresent()) {
            return PostgresFleetDatabase.start(bin.get());
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("PostgreSQL is not installed (no initdb and pg_ctl in $LIFECYCLE_POSTGRES_BIN, "
                    + "/usr/lib/postgresql/*/bin or the PATH), and CI=true requires it: install it with '"
                    + PostgresFleetDatabase.INSTALL + "', or set LIFECYCLE_POSTGRES_BIN to its bin directory");
        }
        System.out.println("[fleet] PostgreSQL is not installed (" + PostgresFleetDatabase.INSTALL
                + "): the fleet shares an H2 TCP server instead");
        Files.createDirectories(h2Directory);
        return H2FleetDatabase.start(Files.createTempDirectory(h2Directory, "fleet-"));
    }

    private List<String> arguments() {
        List<String> arguments = new ArrayList<>(database.instanceArguments());
        arguments.addAll(List.of("--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(), "--spring.datasource.password=",
                "--lifecycle.leadership.jdbc.time-to-live=" + TIME_TO_LIVE.toMillis() + "ms",
                "--lifecycle.leadership.heartbeat=" + HEARTBEAT.toMillis() + "ms",
                "--sample.report.interval=" + REPORT_INTERVAL.toMillis() + "ms", "--sample.report.retention=1h",
                "--lifecycle.console.enabled=false"));
        return arguments;
    }

    private boolean serving(FleetInstance instance) {
        try {
            return instance.serving() && instance.services().isPresent();
        }
        catch (java.io.IOException ex) {
            return false;
        }
    }

    /** Waits until exactly one live instance leads, its report running, and returns it. */
    private FleetInstance awaitLeader(Duration timeout) {
        FleetInstance[] leader = new FleetInstance[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<FleetInstance> leaders = live().stream()
                    .filter((instance) -> instance.leadership(ReportService.GROUP).orElse("").equals("LEADER")
                            && instance.state(ReportService.NAME).orElse("").equals("RUNNING"))
                    .toList();
            leader[0] = leaders.size() == 1 ? leaders.get(0) : null;
            return leader[0] != null;
        });
        return leader[0];
    }

    private List<FleetInstance> live() {
        return instances.stream().filter((instance) -> instance.process().isAlive()).toList();
    }

    /** Whether no live instance runs {@code service}; false while one does not answer. */
    private boolean noneRuns(String service) {
        for (FleetInstance instance : live()) {
            Optional<String> state = instance.state(service);
            if (state.isEmpty() || state.get().equals("RUNNING") || state.get().equals("STARTING")) {
                return false;
            }
        }
        return true;
    }

    private FleetInstance instance(String name) {
        return instances.stream().filter((instance) -> instance.name().equals(name)).findFirst().orElseThrow();
    }

    /** Waits for the first row written after {@code after} by an instance {@code by} accepts, and returns it. */
    private Row awaitRowAfter(Instant after, Predicate<String> by, Duration timeout) {
        Row[] first = new Row[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
            first[0] = rows().stream()
                    .filter((row) -> row.at().isAfter(after))
                    .filter((row) -> by.test(row.instance()))
                    .findFirst()
                    .orElse(null);
            return first[0] != null;
        });
        return first[0];
    }

    private long rowsBetween(Instant from, Instant to) {
        return rows().stream().filter((row) -> row.at().isAfter(from) && row.at().isBefore(to)).count();
    }

    private List<Row> rows() {
        return JdbcClient.create(fleet).sql("SELECT instance, cycle_id, run_at FROM report_run ORDER BY run_at, id")
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2).trim(),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }

    private static tools.jackson.databind.JsonNode service(tools.jackson.databind.JsonNode services, String name) {
        return StreamSupport.stream(services.spliterator(), false)
                .filter((service) -> name.equals(service.get("name").asString()))
                .findFirst()
                .orElseThrow();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private synchronized void cleanUp() {
        for (FleetInstance instance : instances) {
            if (instance.process().isAlive()) {
                try {
                    instance.kill();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /** One row of the report: who wrote it, in which start cycle, and when (the database's clock). */
    private record Row(String instance, String cycle, Instant at) {
    }
}
