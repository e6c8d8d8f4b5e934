package dev.lifecycle.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MisspellingsTests {

    private static final List<String> INSTALLED = List.of("config", "database", "repository", "cache:eu",
            "cache:us");

    @Test
    void aLetterLeftOutAddedReplacedOrSwappedSuggestsTheInstalledName() {
        assertThat(Misspellings.closest("databse", INSTALLED)).isEqualTo("database");
        assertThat(Misspellings.closest("databasse", INSTALLED)).isEqualTo("database");
        assertThat(Misspellings.closest("datebase", INSTALLED)).isEqualTo("database");
        assertThat(Misspellings.closest("databsae", INSTALLED)).as("two letters swapped are one edit")
                .isEqualTo("database");
        assertThat(Misspellings.closest("repostiory", INSTALLED)).isEqualTo("repository");
    }

    @Test
    void caseIsIgnored() {
        assertThat(Misspellings.closest("Database", INSTALLED)).isEqualTo("database");
        assertThat(Misspellings.closest("CONFIG", INSTALLED)).isEqualTo("config");
    }

    @Test
    void aNameTooFarFromEveryInstalledOneSuggestsNothing() {
        assertThat(Misspellings.closest("queue", INSTALLED)).isNull();
        assertThat(Misspellings.closest("db", INSTALLED)).as("a third of the length, at least one edit").isNull();
        assertThat(Misspellings.closest("conf", INSTALLED)).as("two edits in four letters").isNull();
        assertThat(Misspellings.closest("x", List.of("y"))).as("replacing every letter is no misspelling").isNull();
        assertThat(Misspellings.closest("", INSTALLED)).isNull();
        assertThat(Misspellings.closest("cache", List.of())).isNull();
    }

    @Test
    void theAllowedDistanceGrowsWithTheLengthOfTheName() {
        assertThat(Misspellings.closest("db", List.of("dc"))).isEqualTo("dc");
        assertThat(Misspellings.closest("conf", List.of("config"))).isNull();
        assertThat(Misspellings.closest("confg", List.of("config"))).isEqualTo("config");
        assertThat(Misspellings.closest("repsitry", List.of("repository"))).as("two edits in eight letters")
                .isEqualTo("repository");
        assertThat(Misspellings.closest("rpsitry", List.of("repository"))).as("three edits in seven letters")
                .isNull();
    }

    @Test
    void theClosestWinsAndATieGoesToTheFirstInAlphabeticalOrder() {
        assertThat(Misspellings.closest("cache:uk", INSTALLED)).as("one edit from cache:us, two from cache:eu")
                .isEqualTo("cache:us");
        assertThat(Misspellings.closest("cache:es", List.of("cache:us", "cache:eu"))).isEqualTo("cache:eu");
        assertThat(Misspellings.closest("cache:es", List.of("cache:eu", "cache:us"))).isEqualTo("cache:eu");
        assertThat(Misspellings.closest("databases", List.of("database", "databases2", "databasesx")))
                .as("all at one edit").isEqualTo("database");
    }

    @Test
    void theNameItselfIsNotSuggested() {
        assertThat(Misspellings.closest("database", List.of("database"))).isNull();
        assertThat(Misspellings.closest("database", List.of("database", "databases"))).isEqualTo("databases");
    }

    @Test
    void aVeryLongNameIsComparedOnlyWithNamesOfAboutItsLength() {
        String typed = "d".repeat(5_000);
        List<String> installed = new ArrayList<>(INSTALLED);
        for (int i = 0; i < 10_000; i++) {
            installed.add("service-" + i);
        }
        installed.add("d".repeat(4_999) + "e");

        assertThat(Misspellings.closest(typed, installed)).isEqualTo("d".repeat(4_999) + "e");
        assertThat(Misspellings.closest(typed, INSTALLED)).isNull();
    }
}
