package dev.lifecycle.spring.autoconfigure.console;

import dev.lifecycle.spring.console.ConsoleChangeStream;
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
     * How often the console reads the services endpoint when it cannot use its change stream (polling).
     */
    private Duration refreshInterval = Duration.ofSeconds(1);

    /**
     * The change stream, which tells open pages when services change.
     */
    private final Stream stream = new Stream();

    /**
     * The change stream, which tells open pages when services change.
     *
     * @return the settings under {@code lifecycle.console.stream}
     */
    public Stream getStream() {
        return stream;
    }

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
     * How often the console reads the services endpoint when it cannot use its change stream (polling).
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

    /**
     * Settings of the console's change stream ({@code lifecycle.console.stream.*}).
     */
    public static class Stream {

        /**
         * Whether to serve the change stream (Server-Sent Events at the console's path + /changes), which makes open
         * pages read the services endpoint as soon as services change. Without it, pages poll every refresh
         * interval.
         */
        private boolean enabled = true;

        /**
         * How often the change stream sends each open page a comment, which keeps proxies from closing an idle stream.
         */
        private Duration heartbeatInterval = Duration.ofSeconds(ConsoleChangeStream.DEFAULT_HEARTBEAT_SECONDS);

        /**
         * Whether to serve the change stream.
         *
         * @return the value of {@code lifecycle.console.stream.enabled}
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets the value of {@code lifecycle.console.stream.enabled}; see {@link #isEnabled()}.
         *
         * @param enabled the new value
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * How often the change stream sends each open page a comment.
         *
         * @return the value of {@code lifecycle.console.stream.heartbeat-interval}
         */
        public Duration getHeartbeatInterval() {
            return heartbeatInterval;
        }

        /**
         * Sets the heartbeat interval.
         *
         * @param heartbeatInterval how often each open page receives a comment
         * @throws IllegalArgumentException if it is not positive
         */
        public void setHeartbeatInterval(Duration heartbeatInterval) {
            if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
                throw new IllegalArgumentException("lifecycle.console.stream.heartbeat-interval must be positive, "
                        + "for example 15s");
            }
            this.heartbeatInterval = heartbeatInterval;
        }
    }
}
