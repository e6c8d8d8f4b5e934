package dev.lifecycle.benchmarks.boot;

import dev.lifecycle.benchmarks.Cell;
import dev.lifecycle.benchmarks.CellResult;
import dev.lifecycle.benchmarks.CellResult.Status;
import dev.lifecycle.benchmarks.CellRunner;
import dev.lifecycle.benchmarks.Dag;
import dev.lifecycle.benchmarks.Probe;
import dev.lifecycle.benchmarks.peers.Versions;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;

/**
 * W4: a Spring Boot application ({@code SpringApplication} with auto-configuration, no web server) holding the
 * graph's services, timed from {@code run} to the started context, and for its {@code close()}. Two setups of the
 * same beans, each with Spring's {@code dependsOn} naming its requirements:
 * <ul>
 *   <li>{@code spring}: plain {@link SmartLifecycle} beans, started by Spring's lifecycle processor, with
 *       {@code lifecycle.enabled=false};</li>
 *   <li>{@code lifecycle}: beans implementing {@link Service}, run by the engine through
 *       {@code lifecycle-spring-boot-starter}, which must be on the class path (else the cell is
 *       {@link Status#UNAVAILABLE}).</li>
 * </ul>
 * When both are selected they run in one JVM, their contexts alternating round by round ({@link #run(List)}).
 */
public final class BootWorkload {

    /** The prefix of the starter's auto-configuration classes in Spring Boot's imports files. */
    static final String STARTER_PACKAGE = "dev.lifecycle.spring.";
    private static final String IMPORTS =
            "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

    private BootWorkload() {
    }

    /** Whether {@code lifecycle-spring-boot-starter} is on the class path. */
    public static boolean starterAvailable() {
        try {
            Enumeration<URL> imports = BootWorkload.class.getClassLoader().getResources(IMPORTS);
            while (imports.hasMoreElements()) {
                try (InputStream in = imports.nextElement().openStream()) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (text.contains(STARTER_PACKAGE)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException ex) {
            return false;
        }
    }

    /** Runs a W4 cell on its own. Never throws: an error is a result. */
    public static CellResult run(Cell cell) {
        return run(List.of(cell)).get(0);
    }

    /**
     * Runs W4 cells of one size (normally {@code lifecycle} and {@code spring}) together in this JVM, their contexts
     * taking turns as {@link AlternatingRounds} says: every warm-up and every measured round runs one context of each
     * setup, the first one changing every round, so that each setup is measured with the same warm-up, the same JIT
     * state and a comparable heap. A setup that fails stops taking part; the others go on. Never throws: an error is
     * a result.
     *
     * @param cells W4 cells that differ only in their peer
     * @return one result per cell, in the same order
     */
    public static List<CellResult> run(List<Cell> cells) {
        Cell first = cells.get(0);
        for (Cell cell : cells) {
            if (cell.size() != first.size() || cell.runs() != first.runs() || cell.warmup() != first.warmup()
                    || cell.seed() != first.seed() || cell.workload() != first.workload()) {
                throw new IllegalArgumentException("W4 cells run together must differ only in their peer: " + cells);
            }
        }
        List<Setup> setups = new ArrayList<>();
        for (Cell cell : cells) {
            setups.add(new Setup(cell));
        }
        List<Setup> running = setups.stream().filter(setup -> setup.result == null).toList();
        if (!running.isEmpty()) {
            Dag dag = CellRunner.graph(first.workload(), first.size(), first.seed());
            Probe probe = new Probe(dag);
            for (AlternatingRounds.Turn turn : AlternatingRounds.of(running.size(), first.warmup(), first.runs())) {
                Setup setup = running.get(turn.setup());
                if (setup.result == null) {
                    setup.runOnce(dag, probe, turn);
                }
            }
            String together = running.size() == 1 ? "" : String.format(Locale.ROOT,
                    "in one JVM, alternating with the other setup, %d warm-up and %d measured rounds",
                    first.warmup(), first.runs());
            for (Setup setup : running) {
                if (setup.result == null) {
                    setup.finish(dag, together);
                }
            }
        }
        return setups.stream().map(setup -> Objects.requireNonNull(setup.result)).toList();
    }

    /** One setup of a W4 run: its cell, and its samples until it has a result. */
    private static final class Setup {

        final Cell cell;
        final boolean starter;
        final String title;
        final Map<String, List<Double>> samples = new LinkedHashMap<>();
        @Nullable CellResult result;

        Setup(Cell cell) {
            this.cell = cell;
            this.starter = cell.peer().equals("lifecycle");
            this.title = starter ? "lifecycle-spring-boot-starter " + Versions.of("lifecycle") + " on Spring Boot "
                    + Versions.of("spring-boot") : "Spring Boot " + Versions.of("spring-boot")
                    + ", SmartLifecycle beans";
            if (!starter && !cell.peer().equals("spring")) {
                result = CellResult.without(cell, Status.UNSUPPORTED, "W4 compares the starter (peer lifecycle) "
                        + "with plain SmartLifecycle beans (peer spring)", title);
            } else if (starter && !starterAvailable()) {
                result = CellResult.without(cell, Status.UNAVAILABLE, "lifecycle-spring-boot-starter is not on the "
                        + "class path (no " + STARTER_PACKAGE + "* auto-configuration)", title);
            }
        }

        /** Starts and closes one context; a broken order, a service that did not run or an error is the result. */
        void runOnce(Dag dag, Probe probe, AlternatingRounds.Turn turn) {
            String what = turn.measured() ? "measured run " + (turn.round() - cell.warmup() + 1)
                    : "warm-up run " + (turn.round() + 1);
            try {
                probe.reset();
                System.gc();
                long t0 = System.nanoTime();
                ConfigurableApplicationContext context = application(dag, probe, starter).run();
                long t1 = System.nanoTime();
                String problem = probe.checkAllUp(null, 0);
                long t2 = System.nanoTime();
                context.close();
                long t3 = System.nanoTime();
                if (problem == null) {
                    problem = probe.checkAllDown(null, 1);
                }
                if (problem != null) {
                    result = CellResult.without(cell, Status.FAILURE, what + ": " + problem, title);
                } else if (probe.violations() > 0) {
                    result = CellResult.without(cell, Status.FAILURE, what + ": " + probe.violations()
                            + " dependency-order violations, first: " + probe.firstViolation(), title);
                } else if (turn.measured()) {
                    samples.computeIfAbsent("start", n -> new ArrayList<>()).add((t1 - t0) / 1e6);
                    samples.computeIfAbsent("close", n -> new ArrayList<>()).add((t3 - t2) / 1e6);
                }
            } catch (Exception | Error ex) {
                result = CellResult.without(cell, Status.ERROR, what + ": " + ex, title);
            }
        }

        void finish(Dag dag, String note) {
            Map<String, double[]> metrics = new LinkedHashMap<>();
            samples.forEach((name, values) -> metrics.put(name,
                    values.stream().mapToDouble(Double::doubleValue).toArray()));
            result = new CellResult(cell, Status.OK, "", note, title, dag.toString(), metrics);
        }
    }

    private static SpringApplication application(Dag dag, Probe probe, boolean starter) {
        SpringApplication application = new SpringApplication(BenchmarkApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setRegisterShutdownHook(false);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("logging.level.root", "WARN");
        properties.put("lifecycle.enabled", Boolean.toString(starter));
        application.setDefaultProperties(properties);
        application.addInitializers(context -> register((GenericApplicationContext) context, dag, probe, starter));
        return application;
    }

    /** Registers one bean per service, its requirements as {@code dependsOn}, in topological order. */
    private static void register(GenericApplicationContext context, Dag dag, Probe probe, boolean starter) {
        for (int i = 0; i < dag.size(); i++) {
            int index = i;
            String[] dependsOn = dag.requiredNames(i);
            if (starter) {
                context.registerBean(dag.name(i), ProbeService.class, () -> new ProbeService(probe, index),
                        definition -> definition.setDependsOn(dependsOn));
            } else {
                context.registerBean(dag.name(i), ProbeLifecycle.class, () -> new ProbeLifecycle(probe, index),
                        definition -> definition.setDependsOn(dependsOn));
            }
        }
    }

    /** The application: auto-configuration only; the services are registered by an initializer. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class BenchmarkApplication {
    }

    /** A service bean reporting to the probe. */
    static final class ProbeService implements Service<Void> {

        private final Probe probe;
        private final int index;

        ProbeService(Probe probe, int index) {
            this.probe = probe;
            this.index = index;
        }

        @Override
        public @Nullable Void start(ServiceContext context) {
            probe.startBegin(index);
            probe.startEnd(index);
            return null;
        }

        @Override
        public void stop(ServiceContext context) {
            probe.stopBegin(index);
            probe.stopEnd(index);
        }
    }

    /** A SmartLifecycle bean reporting to the probe, started when the context refreshes. */
    static final class ProbeLifecycle implements SmartLifecycle {

        private final Probe probe;
        private final int index;
        private volatile boolean running;

        ProbeLifecycle(Probe probe, int index) {
            this.probe = probe;
            this.index = index;
        }

        @Override
        public void start() {
            probe.startBegin(index);
            probe.startEnd(index);
            running = true;
        }

        @Override
        public void stop() {
            probe.stopBegin(index);
            running = false;
            probe.stopEnd(index);
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
