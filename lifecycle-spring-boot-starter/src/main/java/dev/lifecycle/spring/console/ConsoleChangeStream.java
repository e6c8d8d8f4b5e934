package dev.lifecycle.spring.console;

import dev.lifecycle.core.event.ServiceListener;
import dev.lifecycle.core.event.ServiceTransition;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The console's change stream: Server-Sent Events telling each open page that the registry's services changed, so that
 * it reads the {@code services} endpoint again at once instead of at its next poll.
 *
 * <p>A notice carries only a number, the count of transitions seen so far ({@code event: change},
 * {@code data: {"sequence":42}}); it names no service and says nothing the endpoint does not, so the page learns what
 * changed by reading the endpoint, through whatever protects it. A burst of transitions (a cascade) makes one notice:
 * the first transition schedules a notice after the coalescing delay, and the transitions until then join it. On
 * connection a page receives {@code event: ready} with the current number; every open stream receives a comment every
 * heartbeat interval, which keeps proxies from closing an idle one and reveals a client that has gone.
 *
 * <p>No thread is held per client: the responses are asynchronous, and one scheduler thread sends the notices and the
 * heartbeats. That thread is made when the first page connects, not at start-up: an application whose console nobody
 * opens runs no thread for it. A client is forgotten when its response completes, times out, or fails to be written.
 * The stream is a {@link SmartLifecycle} in the last phase, so that, when the application context closes, it ends
 * every open response before the web server shuts down gracefully (which would otherwise wait for them); after that
 * it refuses new clients with {@code 503}.
 *
 * @since 0.1
 */
public final class ConsoleChangeStream implements ServiceListener, SmartLifecycle {

    /** How long transitions are gathered into one notice unless told otherwise: {@value} ms. */
    public static final long DEFAULT_COALESCING_MILLIS = 150;

    /** How often every open stream receives a comment unless told otherwise: {@value} seconds. */
    public static final long DEFAULT_HEARTBEAT_SECONDS = 15;

    private static final Logger logger = LoggerFactory.getLogger(ConsoleChangeStream.class);

    /** How long one response stays open; the page's EventSource then connects again, after {@link #RETRY}. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(10);

    /** How long a page waits before connecting again after its response ended. */
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Duration coalescing;
    private final Duration heartbeat;
    private final Set<ChangeStreamClient> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean noticePending = new AtomicBoolean();
    /** Made when the first client connects; {@code null} until then, and if the stream closes before. */
    private volatile @Nullable ScheduledExecutorService scheduler;
    private volatile boolean running;
    private volatile boolean closed;

    /**
     * A stream that gathers transitions for {@code coalescing} before it sends a notice, and sends a comment to every
     * client every {@code heartbeat}.
     *
     * @param coalescing how long transitions are gathered into one notice, from 10 ms to 5 s
     * @param heartbeat how often every open stream receives a comment; positive
     * @throws IllegalArgumentException if either duration is out of its range
     */
    public ConsoleChangeStream(Duration coalescing, Duration heartbeat) {
        if (coalescing.compareTo(Duration.ofMillis(10)) < 0 || coalescing.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new IllegalArgumentException("The console's change stream gathers transitions for 10 ms to 5 s, "
                    + "not " + coalescing);
        }
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("lifecycle.console.stream.heartbeat-interval must be positive, for "
                    + "example 15s, not " + heartbeat);
        }
        this.coalescing = coalescing;
        this.heartbeat = heartbeat;
    }

    /**
     * The number of the last transition seen: the {@code sequence} of the latest notice, or of the next one if it is
     * pending.
     *
     * @return the count of transitions seen since the stream was made
     */
    public long sequence() {
        return sequence.get();
    }

    /**
     * How many clients are connected now.
     *
     * @return the count
     */
    public int clients() {
        return clients.size();
    }

    /**
     * Counts the transition, and schedules a notice unless one is already pending or no page is connected (a page
     * that connects later is told the count in its first event).
     *
     * @param transition the transition the registry delivers
     */
    @Override
    public void onTransition(ServiceTransition transition) {
        sequence.incrementAndGet();
        // A client is added only once the scheduler is made.
        ScheduledExecutorService notices = scheduler;
        if (!closed && notices != null && !clients.isEmpty() && noticePending.compareAndSet(false, true)) {
            try {
                notices.schedule(this::sendNotice, coalescing.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (RejectedExecutionException ex) {
                // Closed meanwhile: no one is left to tell.
                noticePending.set(false);
            }
        }
    }

    /**
     * A response that streams the notices to one client, or {@code 503} once the stream is closed.
     *
     * @return the response
     */
    ServerResponse open() {
        if (closed || scheduler() == null) {
            return ServerResponse.status(503).build();
        }
        return ServerResponse.sse(sse -> {
            ChangeStreamClient client = new ChangeStreamClient(sse);
            sse.onComplete(() -> clients.remove(client));
            sse.onTimeout(() -> {
                clients.remove(client);
                client.complete();
            });
            sse.onError(error -> clients.remove(client));
            clients.add(client);
            if (closed || !client.ready(RETRY, sequence.get())) {
                forget(client);
            }
        }, RESPONSE_TIMEOUT);
    }

    /**
     * The scheduler of the notices and the heartbeats, made with its thread on the first call, the heartbeats
     * scheduled then.
     *
     * @return the scheduler, or {@code null} once the stream is closed
     */
    private synchronized @Nullable ScheduledExecutorService scheduler() {
        ScheduledExecutorService made = scheduler;
        if (made == null && !closed) {
            made = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "lifecycle-console-changes");
                thread.setDaemon(true);
                return thread;
            });
            made.scheduleWithFixedDelay(this::sendHeartbeat, heartbeat.toMillis(), heartbeat.toMillis(),
                    TimeUnit.MILLISECONDS);
            scheduler = made;
        }
        return made;
    }

    private void sendNotice() {
        noticePending.set(false);
        long current = sequence.get();
        for (ChangeStreamClient client : List.copyOf(clients)) {
            if (!client.notice(current)) {
                forget(client);
            }
        }
    }

    private void sendHeartbeat() {
        for (ChangeStreamClient client : List.copyOf(clients)) {
            if (!client.heartbeat()) {
                forget(client);
            }
        }
    }

    private void forget(ChangeStreamClient client) {
        clients.remove(client);
        client.complete();
    }

    /** Marks the stream running; its thread is made when the first client connects. */
    @Override
    public void start() {
        if (!closed) {
            running = true;
        }
    }

    /** Ends every open response and refuses new clients from now on; the scheduler thread ends, if it was made. */
    @Override
    public void stop() {
        ScheduledExecutorService made;
        synchronized (this) {
            closed = true;
            running = false;
            made = scheduler;
        }
        if (made != null) {
            made.shutdownNow();
        }
        List<ChangeStreamClient> open = List.copyOf(clients);
        clients.clear();
        open.forEach(ChangeStreamClient::complete);
        if (!open.isEmpty()) {
            logger.debug("Closed the console's change stream to {} clients", open.size());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The last phase: stopped first, before the web server shuts down gracefully. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /** Writes to one client's response, one event at a time; a failed write means the client has gone. */
    static final class ChangeStreamClient {

        private final ServerResponse.SseBuilder sse;
        private boolean done;

        ChangeStreamClient(ServerResponse.SseBuilder sse) {
            this.sse = sse;
        }

        synchronized boolean ready(Duration retry, long sequence) {
            return write(() -> sse.retry(retry).event("ready").id(Long.toString(sequence))
                    .data(json(sequence)));
        }

        synchronized boolean notice(long sequence) {
            return write(() -> sse.event("change").id(Long.toString(sequence)).data(json(sequence)));
        }

        synchronized boolean heartbeat() {
            return write(() -> sse.comment("heartbeat").send());
        }

        synchronized void complete() {
            if (!done) {
                done = true;
                try {
                    sse.complete();
                }
                catch (RuntimeException ex) {
                    logger.trace("The console's change stream could not complete a response", ex);
                }
            }
        }

        private boolean write(Write write) {
            if (done) {
                return false;
            }
            try {
                write.run();
                return true;
            }
            catch (IOException | RuntimeException ex) {
                logger.trace("A client of the console's change stream has gone", ex);
                return false;
            }
        }

        private static String json(long sequence) {
            return "{\"sequence\":" + sequence + "}";
        }

        @FunctionalInterface
        private interface Write {
            void run() throws IOException;
        }
    }
}
