/**
 * The lifecycle engines compared: this project's engine, jboss-msc, Spring's lifecycle processor, Guava's
 * {@code ServiceManager}, and the floor, the least work a dependency-ordered parallel starter can do.
 */
@NullMarked
package dev.lifecycle.benchmarks.peers;

import org.jspecify.annotations.NullMarked;
