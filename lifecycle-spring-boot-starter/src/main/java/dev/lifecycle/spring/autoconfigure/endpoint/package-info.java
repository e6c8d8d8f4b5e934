/**
 * Auto-configuration of the {@code services} actuator endpoint.
 */
@NullMarked
package dev.lifecycle.spring.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
