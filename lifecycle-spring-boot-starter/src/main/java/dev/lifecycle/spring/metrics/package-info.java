/**
 * Micrometer metrics of services.
 */
@NullMarked
package dev.lifecycle.spring.metrics;

import org.jspecify.annotations.NullMarked;
