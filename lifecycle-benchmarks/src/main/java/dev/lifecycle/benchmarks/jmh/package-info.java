/**
 * JMH microbenchmarks over graph shapes (chain, wide, diamond; 10 to 1,000 services) and the systems compared. Run
 * by hand: {@code java -jar lifecycle-benchmarks.jar jmh}; never in CI.
 */
@NullMarked
package dev.lifecycle.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
