package dev.lifecycle.spring.console;

/**
 * Finds the {@code services} endpoint the console reads. Called for every page the console serves, so that the page
 * reflects the endpoint as it is mapped now.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ServicesEndpointLocator {

    /**
     * Where the endpoint is and what it allows.
     *
     * @return the link; never {@code null}
     */
    ServicesEndpointLink locate();
}
