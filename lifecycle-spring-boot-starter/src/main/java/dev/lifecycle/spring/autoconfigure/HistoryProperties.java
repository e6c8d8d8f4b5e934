package dev.lifecycle.spring.autoconfigure;

/**
 * The recent transitions the serviceevents actuator endpoint serves.
 *
 * @since 0.1
 */
public class HistoryProperties {

    /**
     * How many of the last transitions, of every service together, the serviceevents endpoint keeps (oldest dropped
     * first); about 110 bytes each, about 1.2 KB with a long failure message. Kept only while the endpoint
     * is available (exposed and accessible).
     */
    private int size = 500;

    /**
     * How many of the last transitions the serviceevents endpoint keeps.
     *
     * @return the value of {@code lifecycle.history.size}
     */
    public int getSize() {
        return size;
    }

    /**
     * Sets the value of {@code lifecycle.history.size}; see {@link #getSize()}.
     *
     * @param size the new value
     */
    public void setSize(int size) {
        this.size = size;
    }
}
