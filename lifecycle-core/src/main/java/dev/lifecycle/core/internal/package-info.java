/**
 * The engine behind {@link dev.lifecycle.core.ServiceRegistry}: not part of the API, not exported by the module, and
 * free to change in any release. {@link dev.lifecycle.core.internal.DefaultServiceRegistry} is the registry the
 * builder makes; every other class is one part of it (see the project's ARCHITECTURE.md).
 */
@NullMarked
package dev.lifecycle.core.internal;

import org.jspecify.annotations.NullMarked;
