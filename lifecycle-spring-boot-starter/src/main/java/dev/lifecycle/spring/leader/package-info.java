/**
 * Leader-only services on Spring Integration's leader election: its leader events drive the registry's
 * {@link dev.lifecycle.core.Leadership}, and a {@code LockRegistryLeaderInitiator} per leader group elects the leader.
 */
@NullMarked
package dev.lifecycle.spring.leader;

import org.jspecify.annotations.NullMarked;
