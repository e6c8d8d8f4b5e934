package dev.lifecycle.core;

/**
 * Where a service declares what it needs, during {@link Service#init}. Valid only during that call.
 *
 * @since 0.1
 */
public interface ServiceInit {

    /**
     * The key of the service being installed.
     *
     * @return the key the service is being installed under
     */
    ServiceKey<?> key();

    /**
     * Declares a hard requirement: this service starts only once {@code key} is RUNNING, is stopped before it
     * whenever it leaves RUNNING, and starts again once it is back.
     *
     * @param key the required service; it may be installed later
     * @param <T> the value type
     * @return a handle whose {@link ServiceHandle#get()} returns the requirement's current value
     */
    <T> ServiceHandle<T> requires(ServiceKey<T> key);

    /**
     * Declares a hard requirement on a service by name, without receiving its value (Spring's {@code @DependsOn}).
     *
     * @param id the required service's id: its name, or {@code name:qualifier}
     */
    void dependsOn(String id);

    /**
     * Declares an optional ordering: when {@code id} is installed and about to start, this service starts after
     * it; its absence or failure does not hold this service back.
     *
     * @param id the wanted service's id
     */
    void wants(String id);
}
