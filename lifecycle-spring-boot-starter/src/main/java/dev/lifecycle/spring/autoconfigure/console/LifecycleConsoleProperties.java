package dev.lifecycle.spring.autoconfigure.console;

import dev.lifecycle.spring.console.LifecycleConsole;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the web console ({@code lifecycle.console.*}).
 *
 * @since 0.1
 */
@ConfigurationProperties("lifecycle.console")
public class LifecycleConsoleProperties {

    /**
     * Whether to serve the web console. It needs a servlet web application and reads the actuator's services
     * endpoint, which must be exposed over HTTP.
     */
    private boolean enabled = false;

    /**
     * Path at which the console is served.
     */
    private String path = "/lifecycle";

    /**
     * How often the console reads the services endpoint.
     */
    private Duration refreshInterval = Duration.ofSeconds(1);

    /**
     * Whether to serve the web console. It needs a servlet web application and reads the actuator's services
     * endpoint, which must be exposed over HTTP.
     *
     * @return the value of {@code lifecycle.console.enabled}
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets the value of {@code lifecycle.console.enabled}; see {@link #isEnabled()}.
     *
     * @param enabled the new value
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Path at which the console is served.
     *
     * @return the value of {@code lifecycle.console.path}
     */
    public String getPath() {
        return path;
    }

    /**
     * Sets the path.
     *
     * @param path the path, such as {@code /lifecycle}
     * @throws IllegalArgumentException if it does not start with {@code /}, ends with {@code /} or holds other
     *         characters than letters, digits and {@code . _ ~ -} between slashes
     */
    public void setPath(String path) {
        this.path = LifecycleConsole.checkPath(path);
    }

    /**
     * How often the console reads the services endpoint.
     *
     * @return the value of {@code lifecycle.console.refresh-interval}
     */
    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    /**
     * Sets the refresh interval.
     *
     * @param refreshInterval how often the page reads the endpoint
     * @throws IllegalArgumentException if it is not positive
     */
    public void setRefreshInterval(Duration refreshInterval) {
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("lifecycle.console.refresh-interval must be positive, for example 1s");
        }
        this.refreshInterval = refreshInterval;
    }
}
