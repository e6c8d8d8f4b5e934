package dev.lifecycle.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.AsyncService;
import dev.lifecycle.spring.LifecycleService;
import dev.lifecycle.spring.autoconfigure.ServiceRegistryAutoConfiguration;
import dev.lifecycle.spring.autoconfigure.observation.LifecycleObservationAutoConfiguration;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The trace of an application's start-up, through Spring Boot's own tracing auto-configuration and Micrometer
 * Tracing's OpenTelemetry bridge, the spans kept in memory: a diamond of services ({@code a} first, {@code b} and
 * {@code c} on {@code a}, {@code d} on both) is one trace whose spans overlap as the services ran.
 */
class StartupTraceTests {

    private static final Logger logger = LoggerFactory.getLogger(StartupTraceTests.class);

    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service");

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ServiceRegistryAutoConfiguration.class,
                    ObservationAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
                    LifecycleObservationAutoConfiguration.class))
            .withPropertyValues("management.tracing.sampling.probability=1.0")
            .withBean(SpanProcessor.class, () -> SimpleSpanProcessor.create(exporter))
            .withUserConfiguration(Diamond.class);

    @Test
    void startupIsOneTraceWhoseSpansOverlapAsTheServicesRanAndLinkToWhatTheyWaitedFor() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ServiceStartTracingObservationHandler.class);
            List<SpanData> spans = exporter.getFinishedSpanItems();
            logger.info("The start-up's trace:\n{}", SpanTree.render(spans));
            Map<String, SpanData> starts = spans.stream().filter(s -> s.getAttributes().get(SERVICE) != null)
                    .collect(Collectors.toMap(s -> s.getAttributes().get(SERVICE), Function.identity()));
            SpanData startup = spans.stream().filter(s -> s.getName().equals("lifecycle.startup")).findFirst()
                    .orElseThrow();

            assertThat(spans).hasSize(5).extracting(SpanData::getTraceId).containsOnly(startup.getTraceId());
            assertThat(startup.getParentSpanId()).isEqualTo(SpanId.getInvalid());
            assertThat(startup.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("success");
            assertThat(starts).containsOnlyKeys("a", "b", "c", "d");
            assertThat(starts.values()).allSatisfy(start -> {
                String service = start.getAttributes().get(SERVICE);
                assertThat(start.getName()).isEqualTo("start " + service);
                assertThat(start.getParentSpanId()).isEqualTo(startup.getSpanId());
                assertThat(start.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("success");
            });
            assertThat(linkedServices(starts.get("a"), starts)).isEmpty();
            assertThat(linkedServices(starts.get("b"), starts)).containsExactly("a");
            assertThat(linkedServices(starts.get("c"), starts)).containsExactly("a");
            assertThat(linkedServices(starts.get("d"), starts)).containsExactlyInAnyOrder("b", "c");
            assertThat(starts.get("d").getAttributes().get(AttributeKey.stringKey("requires"))).isEqualTo("b,c");
            SpanData a = starts.get("a");
            SpanData b = starts.get("b");
            SpanData c = starts.get("c");
            SpanData d = starts.get("d");
            assertThat(b.getStartEpochNanos()).as("b starts after a ends").isGreaterThanOrEqualTo(a.getEndEpochNanos());
            assertThat(c.getStartEpochNanos()).as("c starts after a ends").isGreaterThanOrEqualTo(a.getEndEpochNanos());
            assertThat(b.getStartEpochNanos()).as("b and c overlap").isLessThan(c.getEndEpochNanos());
            assertThat(c.getStartEpochNanos()).as("c and b overlap").isLessThan(b.getEndEpochNanos());
            assertThat(d.getStartEpochNanos()).as("d starts after b and c end")
                    .isGreaterThanOrEqualTo(Math.max(b.getEndEpochNanos(), c.getEndEpochNanos()));
            assertThat(startup.getStartEpochNanos()).isLessThanOrEqualTo(a.getStartEpochNanos());
            assertThat(startup.getEndEpochNanos()).isGreaterThanOrEqualTo(d.getEndEpochNanos());
        });
    }

    private static List<String> linkedServices(SpanData span, Map<String, SpanData> starts) {
        return span.getLinks().stream().map(LinkData::getSpanContext).map(linked -> starts.values().stream()
                .filter(s -> s.getSpanId().equals(linked.getSpanId())).map(s -> s.getAttributes().get(SERVICE))
                .findFirst().orElse("?")).toList();
    }

    /**
     * {@code a}; {@code b} and {@code c} on {@code a}; {@code d} on {@code b} and {@code c}. Each start takes some
     * milliseconds (a future completing later), and {@code b} and {@code c} each complete only once the other has
     * begun, so that they overlap whatever the machine's load.
     */
    @Configuration(proxyBeanMethods = false)
    static class Diamond {

        private final CompletableFuture<Void> bBegan = new CompletableFuture<>();
        private final CompletableFuture<Void> cBegan = new CompletableFuture<>();

        @Bean
        AsyncService<String> a() {
            return ctx -> after(20, CompletableFuture.completedFuture(null), "a");
        }

        @Bean
        @LifecycleService(requires = "a")
        AsyncService<String> b() {
            return ctx -> {
                bBegan.complete(null);
                return after(40, cBegan, "b");
            };
        }

        @Bean
        @LifecycleService(requires = "a")
        AsyncService<String> c() {
            return ctx -> {
                cBegan.complete(null);
                return after(25, bBegan, "c");
            };
        }

        @Bean
        @LifecycleService(requires = { "b", "c" })
        AsyncService<String> d() {
            return ctx -> after(10, CompletableFuture.completedFuture(null), "d");
        }

        /** {@code value}, once {@code millis} have passed and {@code other} has completed. */
        private static CompletableFuture<String> after(long millis, CompletableFuture<Void> other, String value) {
            Executor later = CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> value, later).thenCombine(other, (v, ignored) -> v);
        }
    }
}
