package dev.lifecycle.benchmarks.peers;

import dev.lifecycle.benchmarks.Dag;
import dev.lifecycle.benchmarks.Probe;
import dev.lifecycle.benchmarks.StartWork;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Spring Framework's {@link DefaultLifecycleProcessor}: one {@link SmartLifecycle} bean per service, its
 * requirements given as the bean definition's {@code dependsOn}, in a {@link GenericApplicationContext}. Install is
 * registering the beans and {@code refresh()} (the beans do not start automatically); start is {@code start()}, stop
 * is {@code stop()}; the context is closed afterwards, untimed.
 *
 * <p>The concurrent variant turns on the opt-in concurrent start-up of Framework 6.2+: a {@code lifecycleProcessor}
 * bean with {@code setConcurrentStartupForPhase} for the beans' phase, and a {@code bootstrapExecutor} bean of 8
 * threads, the size of Spring Boot's default task executor.
 *
 * <p>Spring has no asynchronous start and no way to restart one bean with its dependents.
 */
final class SpringPeer implements Peer {

    /** The size of Spring Boot's default application task executor ({@code spring.task.execution.pool.core-size}). */
    static final int BOOTSTRAP_THREADS = 8;

    private final boolean concurrent;

    SpringPeer(boolean concurrent) {
        this.concurrent = concurrent;
    }

    @Override
    public String id() {
        return concurrent ? "spring-concurrent" : "spring";
    }

    @Override
    public String title() {
        return "Spring Framework " + Versions.of("spring-framework") + " DefaultLifecycleProcessor"
                + (concurrent ? ", concurrent start-up (" + BOOTSTRAP_THREADS + "-thread bootstrapExecutor)"
                        : " (sequential)");
    }

    @Override
    public boolean supports(StartWork work) {
        return work != StartWork.ASYNC;
    }

    @Override
    public boolean cascades() {
        return false;
    }

    @Override
    public PeerInstance create(Dag dag, Probe probe, StartWork work, ScheduledExecutorService timer) {
        if (work == StartWork.ASYNC) {
            throw new IllegalArgumentException("Spring's SmartLifecycle has no asynchronous start");
        }
        return new Instance(dag, probe, work == StartWork.BLOCKING, concurrent);
    }

    private static final class Instance implements PeerInstance {

        private final Dag dag;
        private final Probe probe;
        private final boolean blocking;
        private final boolean concurrent;
        private @Nullable GenericApplicationContext context;
        private @Nullable ExecutorService bootstrapThreads;

        Instance(Dag dag, Probe probe, boolean blocking, boolean concurrent) {
            this.dag = dag;
            this.probe = probe;
            this.blocking = blocking;
            this.concurrent = concurrent;
        }

        @Override
        public void install() {
            GenericApplicationContext context = new GenericApplicationContext();
            this.context = context;
            if (concurrent) {
                ExecutorService threads = Executors.newFixedThreadPool(BOOTSTRAP_THREADS, daemonThreads());
                this.bootstrapThreads = threads;
                context.registerBean("bootstrapExecutor", Executor.class, () -> threads::execute);
                context.registerBean(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME,
                        DefaultLifecycleProcessor.class, () -> {
                            DefaultLifecycleProcessor processor = new DefaultLifecycleProcessor();
                            processor.setConcurrentStartupForPhase(SmartLifecycle.DEFAULT_PHASE,
                                    TimeUnit.MINUTES.toMillis(5));
                            return processor;
                        });
            }
            for (int i = 0; i < dag.size(); i++) {
                int index = i;
                String[] dependsOn = dag.requiredNames(i);
                context.registerBean(dag.name(i), ProbeLifecycle.class,
                        () -> new ProbeLifecycle(probe, index, blocking),
                        definition -> definition.setDependsOn(dependsOn));
            }
            context.refresh();
        }

        @Override
        public void start() {
            context().start();
        }

        @Override
        public void stop() {
            context().stop();
        }

        @Override
        public void cascade(int root, int affected) {
            throw new UnsupportedOperationException("Spring cannot restart one bean with its dependents");
        }

        @Override
        public void close() {
            if (context != null) {
                context.close();
            }
            if (bootstrapThreads != null) {
                bootstrapThreads.shutdownNow();
            }
        }

        private GenericApplicationContext context() {
            if (context == null) {
                throw new IllegalStateException("install() first");
            }
            return context;
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "bootstrap-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A lifecycle bean reporting to the probe; started by hand ({@code start()}), not on refresh. */
    static final class ProbeLifecycle implements SmartLifecycle {

        private final Probe probe;
        private final int index;
        private final boolean blocking;
        private volatile boolean running;

        ProbeLifecycle(Probe probe, int index, boolean blocking) {
            this.probe = probe;
            this.index = index;
            this.blocking = blocking;
        }

        @Override
        public void start() {
            probe.startBegin(index);
            if (blocking) {
                StartWork.block();
            }
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

        @Override
        public boolean isAutoStartup() {
            return false;
        }
    }
}
