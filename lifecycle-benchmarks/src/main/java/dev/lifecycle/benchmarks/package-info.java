/**
 * A comparative harness measuring how fast service containers start, stop and recover, and how much heap they
 * keep per service, against peer lifecycle engines. Run {@link dev.lifecycle.benchmarks.Harness}.
 */
@NullMarked
package dev.lifecycle.benchmarks;

import org.jspecify.annotations.NullMarked;
