package dev.lifecycle.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the kit promises beside its faults: it is exact (every event of a call has reached its listeners, and the
 * call's future is done, when the call returns), and a project that adds it has what its API needs.
 */
class TestKitTests {

    private final TestLifecycle lifecycle = new TestLifecycle();
    private final ServiceRegistry registry = lifecycle.registry();

    @AfterEach
    void close() {
        lifecycle.close();
    }

    @Test
    void everyEventOfAnOperationHasReachedTheListenersAndItsFutureIsDoneWhenTheCallReturns() {
        registry.install("config", String.class, ctx -> "config");
        registry.install(ServiceDefinition.builder(ServiceKey.of("db", String.class), ctx -> "db").dependsOn("config")
                .build());
        registry.startAll();
        lifecycle.events().clear();
        List<String> seenWhenTheFutureCompleted = new ArrayList<>();

        CompletableFuture<@Nullable Void> restart = registry.restart("config")
                .thenRun(() -> seenWhenTheFutureCompleted.addAll(lifecycle.events().arrivals()));

        assertThat(restart).isDone();
        assertThat(lifecycle.events().arrivals()).containsExactly("db:STOPPING", "config:STOPPING", "db:WAITING",
                "config:WAITING", "config:STARTING", "config:RUNNING", "db:STARTING", "db:RUNNING");
        assertThat(seenWhenTheFutureCompleted).isEqualTo(lifecycle.events().arrivals());
    }

    @Test
    void assertjComesWithTheKitForItsAssertions() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());

        Element assertj = dependency(pom, "assertj-core");

        assertThat(assertj).as("the kit's dependency on assertj-core").isNotNull();
        assertThat(text(assertj, "optional")).as("optional").isNotEqualTo("true");
        assertThat(text(assertj, "scope")).as("scope").isIn(null, "compile");
        assertThat(text(assertj, "version")).as("version: the one Spring Boot's dependency management gives").isNull();
    }

    private static @Nullable Element dependency(Document pom, String artifactId) {
        NodeList dependencies = pom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (artifactId.equals(text(dependency, "artifactId"))) {
                return dependency;
            }
        }
        return null;
    }

    private static @Nullable String text(Element element, String child) {
        NodeList children = element.getElementsByTagName(child);
        return children.getLength() == 0 ? null : children.item(0).getTextContent().trim();
    }
}
