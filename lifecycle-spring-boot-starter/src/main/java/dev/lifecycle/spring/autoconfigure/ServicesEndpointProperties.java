package dev.lifecycle.spring.autoconfigure;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The services actuator endpoint.
 *
 * @since 0.1
 */
public class ServicesEndpointProperties {

    /**
     * How long a write operation (fail, restart, stop, start) waits for the services it concerns (the service, its
     * dependents, what it waits for; not an unrelated one still starting) to settle before it answers with them as
     * they are then; the operation goes on. Defaults to the start timeout plus the stop timeout: a restart stops a
     * service and starts it again.
     */
    private @Nullable Duration operationTimeout;

    /**
     * The longest reason, in characters, a write operation accepts (the message of the failure it records, shown by
     * the endpoint and health until the service fails again); a longer one is refused with 400.
     */
    private int maxReasonLength = 1000;

    /**
     * How long a write operation (fail, restart, stop, start) waits for the services to settle before it
     * answers with them as they are then; the operation goes on. Defaults to the start timeout plus the stop
     * timeout: a restart stops a service and starts it again.
     *
     * @return the value of {@code lifecycle.endpoint.operation-timeout}, or {@code null} when unset
     */
    public @Nullable Duration getOperationTimeout() {
        return operationTimeout;
    }

    /**
     * Sets the value of {@code lifecycle.endpoint.operation-timeout}; see {@link #getOperationTimeout()}.
     *
     * @param operationTimeout the new value
     */
    public void setOperationTimeout(@Nullable Duration operationTimeout) {
        this.operationTimeout = operationTimeout;
    }

    /**
     * The longest reason, in characters, a write operation accepts.
     *
     * @return the value of {@code lifecycle.endpoint.max-reason-length}
     */
    public int getMaxReasonLength() {
        return maxReasonLength;
    }

    /**
     * Sets the value of {@code lifecycle.endpoint.max-reason-length}; see {@link #getMaxReasonLength()}.
     *
     * @param maxReasonLength the new value
     */
    public void setMaxReasonLength(int maxReasonLength) {
        this.maxReasonLength = maxReasonLength;
    }
}
