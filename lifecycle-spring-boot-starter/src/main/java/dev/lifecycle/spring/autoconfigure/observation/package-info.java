/**
 * Auto-configuration of the services' Micrometer observations and of their start-up steps.
 */
@NullMarked
package dev.lifecycle.spring.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
