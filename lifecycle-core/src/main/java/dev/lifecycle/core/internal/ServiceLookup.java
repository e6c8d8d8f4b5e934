package dev.lifecycle.core.internal;

import dev.lifecycle.core.UnknownServiceException;
import org.jspecify.annotations.Nullable;

/**
 * Finds the service a call names, or says why it cannot: not installed, removed, being removed, or the registry is
 * closed.
 */
final class ServiceLookup {

    private final Engine engine;

    ServiceLookup(Engine engine) {
        this.engine = engine;
    }

    /** The service installed with {@code id}, for a read; called with or without the lock. */
    ServiceRecord require(String id) {
        ServiceRecord c = engine.state.services.get(id);
        if (c == null) {
            throw unknown(id);
        }
        return c;
    }

    /**
     * Why no service {@code id} is installed: it was removed, or it never was (then the installed id closest to it, if
     * one is close enough to be what was meant, is suggested). Called with or without the lock, only once the service
     * was not found: the suggestion is computed only for the error.
     */
    UnknownServiceException unknown(String id) {
        if (engine.loop.lock.isHeldByCurrentThread()) {
            return unknownLocked(id);
        }
        return engine.loop.locked(change -> unknownLocked(id));
    }

    private UnknownServiceException unknownLocked(String id) {
        if (engine.state.removedIds.contains(id)) {
            return new UnknownServiceException(id, "Service '" + id + "' was removed; install it again to use it");
        }
        return new UnknownServiceException(id, engine.state.installedIds());
    }

    /**
     * The service an operation acts on; under the lock, so that an operation racing with the service's removal is
     * refused rather than lost.
     *
     * @param call the operation, to name it in a refusal
     * @throws IllegalStateException if the registry is closed
     * @throws UnknownServiceException if no service {@code id} is installed, or it is being removed
     */
    ServiceRecord operable(String call, String id) {
        assert engine.loop.lock.isHeldByCurrentThread();
        checkOpen(call, id);
        ServiceRecord c = engine.state.services.get(id);
        if (c == null) {
            throw unknown(id);
        }
        if (c.removing) {
            throw new UnknownServiceException(id, "Cannot " + call + "('" + id + "'): the service is being removed "
                    + "(install it again once its remove() future completes)");
        }
        return c;
    }

    /**
     * Refuses an operation on a closed registry.
     *
     * @param call the operation
     * @param id the service it names, or {@code null}
     */
    void checkOpen(String call, @Nullable String id) {
        if (engine.state.closed) {
            throw new IllegalStateException("Cannot " + call + "(" + (id == null ? "" : "'" + id + "'")
                    + "): the registry is closed; build a new one");
        }
    }
}
