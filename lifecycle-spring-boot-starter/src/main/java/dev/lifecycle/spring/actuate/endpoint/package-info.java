/**
 * The {@code services} actuator endpoint, and {@code serviceevents}, the last transitions of the services.
 */
@NullMarked
package dev.lifecycle.spring.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
