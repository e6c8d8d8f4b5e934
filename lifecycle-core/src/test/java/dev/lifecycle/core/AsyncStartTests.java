package dev.lifecycle.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.event.ServiceTransition;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Services whose start completes through a future: STARTING until it completes, FAILED when it fails or outlives
 * the start timeout. User code runs on the calling thread and time moves only by hand, so every state is exact.
 */
class AsyncStartTests extends ManualRegistryTestBase {

    private final ManualStart<String> source = new ManualStart<>();
    private final ServiceKey<String> sourceKey = ServiceKey.of("source", String.class);
    private final ServiceKey<String> consumerKey = ServiceKey.of("consumer", String.class);

    @Override
    boolean onCallingThread() {
        return true;
    }

    @Override
    ServiceRegistryBuilder builder() {
        return super.builder().restartPolicy(RestartPolicy.never());
    }

    /** Installs {@code sourceService} as {@code source}, and {@code consumer}, which requires it. */
    private void installSourceAndConsumer(AsyncService<String> sourceService) {
        installSourceAndConsumer(ServiceDefinition.builder(sourceKey, sourceService));
    }

    /** Installs {@code source} as defined, and {@code consumer}, which requires it. */
    private void installSourceAndConsumer(ServiceDefinition.Builder<String> sourceDefinition) {
        registry.install(sourceDefinition.build());
        ServiceHandle<String> sourceValue = registry.handle(sourceKey);
        registry.install(ServiceDefinition.builder(consumerKey, ctx -> "consumer of " + sourceValue.get())
                .requires(sourceKey).build());
    }

    @Test
    void serviceStaysStartingAndDependentsWaitUntilItsFutureCompletesOnAnotherThread() throws Exception {
        installSourceAndConsumer(source);

        CompletableFuture<Void> startAll = registry.startAll();
        ServiceState sourceBefore = registry.handle(sourceKey).state();
        ServiceState consumerBefore = registry.handle(consumerKey).state();
        boolean startAllDoneBefore = startAll.isDone();
        Thread completer = new Thread(() -> source.complete("events"), "completer");
        completer.start();
        completer.join(10_000);
        startAll.get(10, TimeUnit.SECONDS);

        assertThat(sourceBefore).isEqualTo(ServiceState.STARTING);
        assertThat(consumerBefore).isEqualTo(ServiceState.WAITING);
        assertThat(startAllDoneBefore).isFalse();
        assertThat(registry.get(sourceKey)).isEqualTo("events");
        assertThat(registry.get(consumerKey)).isEqualTo("consumer of events");
        assertThat(source.starts()).isEqualTo(1);
    }

    @Test
    void startDurationOfAnAsyncServiceRunsUntilItsFutureCompletes() {
        installSourceAndConsumer(source);
        registry.startAll();

        time.advance(Duration.ofMillis(250));
        source.complete("events");

        assertThat(registry.snapshot("source").orElseThrow().startDuration()).isEqualTo(Duration.ofMillis(250));
        assertThat(registry.snapshot("consumer").orElseThrow().startDuration()).isEqualTo(Duration.ZERO);
    }

    @Test
    void failedFutureFailsTheServiceWithThatCauseAndKeepsDependentsWaiting() {
        installSourceAndConsumer(source);
        IOException unreachable = new IOException("broker unreachable");
        registry.startAll();

        source.fail(unreachable);

        ServiceSnapshot failed = registry.snapshot("source").orElseThrow();
        assertThat(failed.state()).isEqualTo(ServiceState.FAILED);
        assertThat(failed.lastFailure().cause()).isSameAs(unreachable);
        ServiceTransition toFailed = listener.transitions().stream()
                .filter(t -> t.key().equals(sourceKey) && t.to() == ServiceState.FAILED).findFirst().orElseThrow();
        assertThat(toFailed.from()).isEqualTo(ServiceState.STARTING);
        assertThat(toFailed.reason()).isEqualTo(TransitionReason.FAILURE);
        assertThat(toFailed.cause()).isSameAs(unreachable);
        ServiceSnapshot consumer = registry.snapshot("consumer").orElseThrow();
        assertThat(consumer.state()).isEqualTo(ServiceState.WAITING);
        assertThat(consumer.rootCause())
                .isEqualTo("blocked by source, which failed with java.io.IOException: broker unreachable");
        assertThat(source.stops()).isZero();
    }

    @Test
    void futureFailedWithAWrappedCauseFailsTheServiceWithTheCauseItself() {
        installSourceAndConsumer(source);
        IOException unreachable = new IOException("broker unreachable");
        registry.startAll();

        source.fail(new java.util.concurrent.CompletionException(unreachable));

        assertThat(registry.snapshot("source").orElseThrow().lastFailure().cause()).isSameAs(unreachable);
    }

    @Test
    void startAsyncThatThrowsFailsTheService() {
        IllegalStateException refused = new IllegalStateException("no credentials");
        installSourceAndConsumer(ctx -> {
            throw refused;
        });

        registry.startAll();

        assertThat(registry.snapshot("source").orElseThrow().state()).isEqualTo(ServiceState.FAILED);
        assertThat(registry.snapshot("source").orElseThrow().lastFailure().cause()).isSameAs(refused);
    }

    @Test
    void startAsyncThatReturnsNoStageFailsTheServiceSayingWhat() {
        installSourceAndConsumer(ctx -> null);

        registry.startAll();

        assertThat(registry.snapshot("source").orElseThrow().lastFailure().message())
                .isEqualTo("Service 'source' returned null from startAsync(); return a CompletionStage");
    }

    @Test
    void startOutlivingItsTimeoutFailsWithTheTimeoutAndCancelsTheFuture() {
        installSourceAndConsumer(ServiceDefinition.builder(sourceKey, source).startTimeout(Duration.ofSeconds(5)));
        registry.startAll();

        time.advance(Duration.ofMillis(4999));
        ServiceState justBeforeTimeout = registry.handle(sourceKey).state();
        time.advance(Duration.ofMillis(1));

        assertThat(justBeforeTimeout).isEqualTo(ServiceState.STARTING);
        ServiceSnapshot failed = registry.snapshot("source").orElseThrow();
        assertThat(failed.state()).isEqualTo(ServiceState.FAILED);
        assertThat(failed.lastFailure().cause()).isInstanceOf(TimeoutException.class)
                .hasMessage("Service 'source' did not start within 5 s; its start was cancelled "
                        + "(raise its start timeout if it needs longer)");
        assertThat(failed.lastFailure().at()).isEqualTo(time.instant());
        assertThat(failed.startDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(source.future().isCancelled()).isTrue();
        assertThat(registry.snapshot("consumer").orElseThrow().state()).isEqualTo(ServiceState.WAITING);
    }

    @Test
    void completionAfterTheTimeoutIsIgnored() {
        installSourceAndConsumer(ServiceDefinition.builder(sourceKey, source).startTimeout(Duration.ofSeconds(5)));
        registry.startAll();
        time.advance(Duration.ofSeconds(5));

        boolean completed = source.future().complete("too late");

        assertThat(completed).isFalse();
        assertThat(registry.handle(sourceKey).state()).isEqualTo(ServiceState.FAILED);
        assertThat(registry.handle(consumerKey).state()).isEqualTo(ServiceState.WAITING);
    }

    @Test
    void asyncServiceThatStartedIsStoppedOnceAtShutdown() throws Exception {
        installSourceAndConsumer(source);
        registry.startAll();
        source.complete("events");

        registry.stopAll().get(5, TimeUnit.SECONDS);

        assertThat(source.stops()).isEqualTo(1);
        assertThat(registry.handle(sourceKey).state()).isEqualTo(ServiceState.STOPPED);
    }
}
