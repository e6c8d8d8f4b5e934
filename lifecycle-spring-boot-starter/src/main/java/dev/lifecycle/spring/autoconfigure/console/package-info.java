/**
 * Auto-configuration of the web console.
 */
@NullMarked
package dev.lifecycle.spring.autoconfigure.console;

import org.jspecify.annotations.NullMarked;
