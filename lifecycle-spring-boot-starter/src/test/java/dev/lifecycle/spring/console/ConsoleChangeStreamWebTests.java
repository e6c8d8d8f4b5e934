package dev.lifecycle.spring.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lifecycle.core.ServiceRegistry;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console's change stream over HTTP, in an application of its own per test (so that a test can close it): the
 * services of {@link LifecycleConsoleBrowserTests.Application}, a heartbeat every 200 ms.
 */
class ConsoleChangeStreamWebTests {

    private static final String END = "<end of stream>";

    private final HttpClient client = HttpClient.newHttpClient();

    private @Nullable ConfigurableApplicationContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aTransitionReachesTheStreamAsANoticeCarryingOnlyItsSequenceNumber() throws Exception {
        start("management.endpoints.web.exposure.include=services");
        BlockingQueue<String> lines = subscribe();
        String ready = nextEvent(lines, "ready");
        long before = sequenceOf(ready);

        registry().stop("d").get(10, TimeUnit.SECONDS);

        String notice = nextEvent(lines, "change");
        assertThat(notice).matches("id:\\d+\ndata:\\{\"sequence\":\\d+}");
        assertThat(sequenceOf(notice)).isGreaterThan(before)
                .isEqualTo(context.getBean(ConsoleChangeStream.class).sequence());
        assertThat(notice).doesNotContain("\"d\"", "STOPPED");
    }

    @Test
    void theStreamRunsNoThreadUntilTheFirstPageConnectsThenServesItAtOnce() throws Exception {
        start("management.endpoints.web.exposure.include=services");
        registry().stop("d").get(10, TimeUnit.SECONDS);
        // (A thread of an earlier test's application, closed, may take a moment to end.)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(streamThreads())
                .as("threads of the stream before any page connected").isZero());

        BlockingQueue<String> lines = subscribe();
        long ready = sequenceOf(nextEvent(lines, "ready"));
        registry().start("d").get(10, TimeUnit.SECONDS);

        assertThat(ready).isPositive();
        assertThat(sequenceOf(nextEvent(lines, "change"))).isGreaterThan(ready);
        assertThat(nextLine(lines, line -> line.startsWith(":"))).isEqualTo(":heartbeat");
        assertThat(streamThreads()).isOne();
    }

    @Test
    void aCascadeOfTransitionsMakesFewerNoticesThanTransitions() throws Exception {
        start("management.endpoints.web.exposure.include=services");
        BlockingQueue<String> lines = subscribe();
        long before = sequenceOf(nextEvent(lines, "ready"));

        registry().stop("a").get(10, TimeUnit.SECONDS);
        registry().start("a").get(10, TimeUnit.SECONDS);

        long after = context.getBean(ConsoleChangeStream.class).sequence();
        assertThat(after - before).as("transitions of a, b and c").isGreaterThanOrEqualTo(10);
        List<Long> notices = new ArrayList<>();
        while (notices.isEmpty() || notices.get(notices.size() - 1) < after) {
            notices.add(sequenceOf(nextEvent(lines, "change")));
        }
        assertThat(notices).hasSizeLessThan((int) (after - before)).isSorted();
    }

    @Test
    void anIdleStreamReceivesAHeartbeatComment() throws Exception {
        start("management.endpoints.web.exposure.include=services");
        BlockingQueue<String> lines = subscribe();
        nextEvent(lines, "ready");

        String comment = nextLine(lines, line -> line.startsWith(":"));

        assertThat(comment).isEqualTo(":heartbeat");
    }

    @Test
    void closingTheApplicationEndsTheStreamWithoutDelayingItsGracefulShutdown() throws Exception {
        start("management.endpoints.web.exposure.include=services", "server.shutdown=graceful",
                "spring.lifecycle.timeout-per-shutdown-phase=20s");
        BlockingQueue<String> lines = subscribe();
        nextEvent(lines, "ready");
        ConsoleChangeStream stream = context.getBean(ConsoleChangeStream.class);
        assertThat(stream.clients()).isEqualTo(1);

        long began = System.nanoTime();
        context.close();
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(nextLine(lines, END::equals)).isEqualTo(END);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(stream.clients()).isZero();
        assertThat(stream.isRunning()).isFalse();
    }

    @Test
    void streamIsNotFoundWhileThePageCouldNotReadTheServicesEndpoint() throws Exception {
        start("management.endpoints.web.exposure.include=health");

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/lifecycle/changes")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).startsWith("The services endpoint is not available over HTTP");
    }

    @Test
    void streamIsNotServedWhenItIsDisabled() throws Exception {
        start("management.endpoints.web.exposure.include=services", "lifecycle.console.stream.enabled=false");

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/lifecycle/changes")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(context.getBeanProvider(ConsoleChangeStream.class).getIfAvailable()).isNull();
    }

    private void start(String... properties) {
        List<String> all = new ArrayList<>(List.of("server.port=0", "lifecycle.console.enabled=true",
                "lifecycle.console.stream.heartbeat-interval=200ms"));
        all.addAll(List.of(properties));
        context = new SpringApplicationBuilder(LifecycleConsoleBrowserTests.Application.class)
                .properties(all.toArray(String[]::new)).run();
    }

    private static long streamThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("lifecycle-console-changes")).count();
    }

    private ServiceRegistry registry() {
        return context.getBean(ServiceRegistry.class);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port") + path);
    }

    /** The lines of the stream as they arrive, then {@link #END}; read on a thread of their own. */
    private BlockingQueue<String> subscribe() throws Exception {
        HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(uri("/lifecycle/changes"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (Stream<String> body = response.body()) {
                body.forEach(lines::add);
            }
            catch (UncheckedIOException ex) {
                // the connection ended
            }
            finally {
                lines.add(END);
            }
        }, "change-stream-reader");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** The next event named {@code name}: its lines after the {@code event:} line, up to the blank line. */
    private static String nextEvent(BlockingQueue<String> lines, String name) throws InterruptedException {
        nextLine(lines, ("event:" + name)::equals);
        List<String> fields = new ArrayList<>();
        for (String line = take(lines); !line.isEmpty(); line = take(lines)) {
            fields.add(line);
        }
        return String.join("\n", fields);
    }

    private static String nextLine(BlockingQueue<String> lines, java.util.function.Predicate<String> wanted)
            throws InterruptedException {
        for (String line = take(lines);; line = take(lines)) {
            if (wanted.test(line)) {
                return line;
            }
            assertThat(line).as("the stream ended early").isNotEqualTo(END);
        }
    }

    private static String take(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(10, TimeUnit.SECONDS);
        assertThat(line).as("a line of the stream within 10 s").isNotNull();
        return line;
    }

    private static long sequenceOf(String event) {
        return Long.parseLong(event.replaceAll("(?s).*\"sequence\":(\\d+).*", "$1"));
    }
}
