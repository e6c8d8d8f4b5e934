/**
 * Auto-configuration of the {@code services} health contributor.
 */
@NullMarked
package dev.lifecycle.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
