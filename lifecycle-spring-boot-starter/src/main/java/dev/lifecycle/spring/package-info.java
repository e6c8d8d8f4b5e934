/**
 * Spring integration of the service registry: the SmartLifecycle bridge, service beans and their annotations, adopted lifecycle beans, transition events.
 */
@NullMarked
package dev.lifecycle.spring;

import org.jspecify.annotations.NullMarked;
