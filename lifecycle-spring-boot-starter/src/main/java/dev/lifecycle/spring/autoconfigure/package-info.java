/**
 * Auto-configuration of the service registry and its Spring bridge.
 */
@NullMarked
package dev.lifecycle.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
