/**
 * Health of services and the bridge from critical services to application availability.
 */
@NullMarked
package dev.lifecycle.spring.health;

import org.jspecify.annotations.NullMarked;
