package dev.lifecycle.sample.fleet;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

/**
 * The database server the instances of a fleet share, run by a test on 127.0.0.1 and a free port: PostgreSQL where it
 * is installed ({@link PostgresFleetDatabase}), else an H2 TCP server in the test's JVM ({@link H2FleetDatabase}). It can
 * be stopped and started again on the same port and data, as an outage.
 */
interface FleetDatabase extends AutoCloseable {

    /** Which server this is, for the test's output. */
    String description();

    /** The JDBC URL the instances connect to. */
    String url();

    /** The user the instances connect as. */
    String username();

    /** The instances' arguments this server needs besides its URL and user. */
    default List<String> instanceArguments() {
        return List.of();
    }

    /** Stops the server; its data stays. */
    void stop() throws IOException, InterruptedException;

    /** Starts the server again, on the same port and data. */
    void start() throws IOException, InterruptedException;

    /** Stops the server, if it runs, and deletes its data. */
    @Override
    void close();

    /** A TCP port free on 127.0.0.1 at the time of the call. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
