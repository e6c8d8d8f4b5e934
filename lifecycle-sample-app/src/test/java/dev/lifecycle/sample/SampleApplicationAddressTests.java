package dev.lifecycle.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/**
 * The sample listens on the loopback address only, so that its open write operations (the endpoint's fail, restart,
 * stop and start, and the console's buttons) cannot be reached from other machines: it answers on 127.0.0.1 and
 * refuses connections to every other address of this machine.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "sample.settings-file=target/address-tests/sample-settings.properties")
class SampleApplicationAddressTests {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Test
    void webServerListensOnTheLoopbackAddressOnly() throws Exception {
        List<InetAddress> others = otherAddressesOfThisMachine();

        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
        connect(InetAddress.getByName("127.0.0.1"));
        for (InetAddress other : others) {
            assertThatExceptionOfType(ConnectException.class).as("connecting to %s:%d", other, port)
                    .isThrownBy(() -> connect(other));
        }
    }

    private void connect(InetAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
        }
    }

    /** The IPv4 addresses of this machine's interfaces that are up, other than loopback (none on some machines). */
    private static List<InetAddress> otherAddressesOfThisMachine() throws SocketException {
        return NetworkInterface.networkInterfaces().filter(SampleApplicationAddressTests::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress())
                .toList();
    }

    private static boolean isUp(NetworkInterface networkInterface) {
        try {
            return networkInterface.isUp() && !networkInterface.isLoopback();
        }
        catch (SocketException ex) {
            return false;
        }
    }
}
