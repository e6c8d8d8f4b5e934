/**
 * The web console: a page that draws the services endpoint's graph, timeline and state, live.
 */
@NullMarked
package dev.lifecycle.spring.console;

import org.jspecify.annotations.NullMarked;
