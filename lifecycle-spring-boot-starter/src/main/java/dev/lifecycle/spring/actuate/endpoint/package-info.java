/**
 * The {@code services} actuator endpoint.
 */
@NullMarked
package dev.lifecycle.spring.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
