package dev.lifecycle.benchmarks.peers;

/**
 * One container of a {@link Peer}, used for one measured run: {@link #install}, {@link #start}, then
 * {@link #cascade} or {@link #stop}, then {@link #close}. Driven from one thread.
 */
public interface PeerInstance extends AutoCloseable {

    /** Builds the container and installs every service without starting any, where the peer can tell the two apart. */
    void install() throws Exception;

    /** Starts every service and returns once each one's start has finished. */
    void start() throws Exception;

    /** Stops every service and returns once each one's stop has finished. */
    void stop() throws Exception;

    /**
     * Fails (or takes down) service {@code root}, as the peer's users would, and returns once it and every service
     * that depends on it have stopped and started again.
     *
     * @param root the node index of the service to fail
     * @param affected how many services that takes down and up again, root included
     */
    void cascade(int root, int affected) throws Exception;

    /** Releases everything, stopping what still runs; never throws. */
    @Override
    void close();
}
