/**
 * Auto-configuration of the service metrics.
 */
@NullMarked
package dev.lifecycle.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
