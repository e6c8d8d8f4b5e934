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

        assertThat(lines).containsSubsequence(
                "config INSTALLED -> STARTING (STARTUP)",
                "config STARTING -> RUNNING (STARTUP)",
                "database WAITING -> STARTING (STARTUP)",
                "database STARTING -> RUNNING (STARTUP)",
                "cache WAITING -> STARTING (STARTUP)",
                "cache STARTING -> RUNNING (STARTUP)",
                "cache warmed from jdbc:h2:mem:demo?v=1");
        assertThat(lines).anyMatch(l -> l.startsWith("Critical path: config (") && l.contains("-> database (")
                && l.contains("-> cache ("));
        assertThat(lines.stream().filter(l -> l.contains("-> STOPPING")).map(l -> l.split(" ")[0]).toList())
                .containsExactly("cache", "database", "config", "cache", "database", "config");
        assertThat(lines).containsSubsequence(
                "cache RUNNING -> STOPPING (DEPENDENCY: 'config' is stopping, "
                        + "java.lang.IllegalStateException: config file changed)",
                "config RUNNING -> STOPPING (FAILURE, java.lang.IllegalStateException: config file changed)",
                "config STOPPING -> FAILED (FAILURE, java.lang.IllegalStateException: config file changed)",
                "config FAILED -> STARTING (RESTART)",
                "database WAITING -> STARTING (DEPENDENCY)",
                "cache WAITING -> STARTING (DEPENDENCY)",
                "cache warmed from jdbc:h2:mem:demo?v=2");
    }
}
