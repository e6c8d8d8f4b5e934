/**
 * Workload W4: a Spring Boot application holding services through the starter, against the same beans as plain
 * SmartLifecycle beans.
 */
@NullMarked
package dev.lifecycle.benchmarks.boot;

import org.jspecify.annotations.NullMarked;
