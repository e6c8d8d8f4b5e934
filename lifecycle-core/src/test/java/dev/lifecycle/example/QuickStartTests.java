package dev.lifecycle.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickStartTests {

    @Test
    void readmeExampleStartsInOrderAndRestartsTheChainWithTheNewConfig() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        List<String> lines = Arrays.asList(captured.toString(StandardCharsets.UTF_8).split("\\R"));
        // The listener prints from the registry's threads, the example's own lines come from main: their relative
        // order may vary, so each stream is checked on its own.
        List<String> transitions = lines.stream().filter(l -> l.contains(" -> ") && l.endsWith(")")
                && !l.startsWith("Critical path")).toList();

        assertThat(transitions).containsSubsequence(
                "config INSTALLED -> STARTING (STARTUP)",
                "config STARTING -> RUNNING (STARTUP)",
                "database WAITING -> STARTING (STARTUP)",
                "database STARTING -> RUNNING (STARTUP)",
                "cache WAITING -> STARTING (STARTUP)",
                "cache STARTING -> RUNNING (STARTUP)");
        assertThat(lines).anyMatch(l -> l.startsWith("Critical path: config (") && l.contains("-> database (")
                && l.contains("-> cache ("));
        assertThat(transitions.stream().filter(l -> l.contains("-> STOPPING")).map(l -> l.split(" ")[0]).toList())
                .containsExactly("cache", "database", "config", "cache", "database", "config");
        assertThat(transitions).containsSubsequence(
                "cache RUNNING -> STOPPING (DEPENDENCY: 'config' is stopping, "
                        + "java.lang.IllegalStateException: config file changed)",
                "config RUNNING -> STOPPING (FAILURE, java.lang.IllegalStateException: config file changed)",
                "config STOPPING -> FAILED (FAILURE, java.lang.IllegalStateException: config file changed)",
                "config FAILED -> STARTING (RESTART)",
                "database WAITING -> STARTING (DEPENDENCY)",
                "cache WAITING -> STARTING (DEPENDENCY)",
                "cache STARTING -> RUNNING (DEPENDENCY)");
        assertThat(lines).containsSubsequence("cache warmed from jdbc:h2:mem:demo?v=1",
                "cache warmed from jdbc:h2:mem:demo?v=2");
    }
}
