package dev.lifecycle.benchmarks.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;

/** The versions the result tables print are those of the jars the benchmarks run against. */
class VersionsTests {

    @Test
    void springVersionsAreThoseOfTheJarsOnTheClassPath() {
        assertThat(Versions.of("spring-framework")).isEqualTo(SpringVersion.getVersion());
        assertThat(Versions.of("spring-boot")).isEqualTo(SpringBootVersion.getVersion());
    }

    @Test
    void everyComponentHasAVersionFilledInByTheBuild() {
        for (String component : new String[] { "lifecycle", "jboss-msc", "jboss-threads", "guava", "spring-framework",
                "spring-boot", "jmh" }) {
            assertThat(Versions.of(component)).as(component).isNotBlank().doesNotContain("@", "${");
        }
    }

    @Test
    void anUnknownComponentIsRefusedWithTheKnownOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> Versions.of("quartz"))
                .withMessageStartingWith("No version recorded for 'quartz': known are ")
                .withMessageContaining("jboss-msc");
    }
}
