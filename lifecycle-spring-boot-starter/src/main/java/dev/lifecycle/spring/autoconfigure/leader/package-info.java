/**
 * Auto-configuration of leader-only services on Spring Integration's leader election.
 */
@NullMarked
package dev.lifecycle.spring.autoconfigure.leader;

import org.jspecify.annotations.NullMarked;
