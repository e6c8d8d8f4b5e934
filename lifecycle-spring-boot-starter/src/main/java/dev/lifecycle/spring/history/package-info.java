/**
 * The recent transitions of a registry's services, kept in a bounded buffer for the {@code serviceevents} actuator
 * endpoint.
 */
@NullMarked
package dev.lifecycle.spring.history;

import org.jspecify.annotations.NullMarked;
