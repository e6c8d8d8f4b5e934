/**
 * Transition events of a {@link dev.lifecycle.core.ServiceRegistry} and the listener that receives them.
 */
@NullMarked
package dev.lifecycle.core.event;

import org.jspecify.annotations.NullMarked;
