/**
 * The starter's machinery, not an API: finding and installing service beans, handle injection, adopted lifecycle beans, start-up, escalation, events.
 */
@NullMarked
package dev.lifecycle.spring.internal;

import org.jspecify.annotations.NullMarked;
