/**
 * AssertJ assertions about a registry and its services: {@code assertThat(registry).service("db").isRunning()}.
 * Needs AssertJ on the test class path.
 */
@NullMarked
package dev.lifecycle.test.assertj;

import org.jspecify.annotations.NullMarked;
