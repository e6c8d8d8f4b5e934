package dev.lifecycle.test.example;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The README's example ({@link DatabaseComesBackTests}: a requirement fails, time moves past its back-off, the
 * dependent is back with the new value) run 200 times in a row: with manual time and user code on the test's thread
 * nothing is left to chance, so every run passes.
 */
class DatabaseComesBackRepeatedlyTests {

    @Test
    void theReadmeExamplePassesTwoHundredTimesInARow() {
        int passed = 0;
        for (int run = 0; run < 200; run++) {
            new DatabaseComesBackTests().theDatabaseComesBackWithTheNewConfigAfterTheBackOff();
            passed++;
        }
        System.out.println("The README's example passed " + passed + " times out of 200");
        assertThat(passed).isEqualTo(200);
    }
}
