package dev.lifecycle.benchmarks;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Switches {@code perf record --control fifo:CTL,ACK} on and off: writes {@code enable} or {@code disable} to the
 * control FIFO and waits for perf's {@code ack}. Both FIFOs are opened at the first command and kept open until
 * {@link #close()}, as perf expects of the program controlling it (a FIFO closed between commands reads as its end).
 */
final class PerfControl implements AutoCloseable {

    private final Path controlFifo;
    private final Path ackFifo;
    private @Nullable FileOutputStream control;
    private @Nullable FileInputStream ack;

    PerfControl(Path controlFifo, Path ackFifo) {
        this.controlFifo = controlFifo;
        this.ackFifo = ackFifo;
    }

    /** Sends {@code command} ({@code enable} or {@code disable}) and waits until perf has acknowledged it. */
    void send(String command) {
        try {
            if (control == null || ack == null) {
                // perf opens the control FIFO for reading first, then the ack FIFO for writing: the same order here.
                control = new FileOutputStream(controlFifo.toFile());
                ack = new FileInputStream(ackFifo.toFile());
            }
            control.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            control.flush();
            readAck(ack);
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not " + command + " perf through " + controlFifo, ex);
        }
    }

    /**
     * Reads perf's acknowledgement, {@code "ack\n"} and a NUL, until it has come whole or the FIFO has ended. Plain
     * reads: Java 17's {@code FileInputStream.readNBytes} asks a FIFO for its position, which fails.
     */
    private static void readAck(FileInputStream ack) throws IOException {
        byte[] buffer = new byte[5];
        int read = 0;
        while (read < buffer.length) {
            int n = ack.read(buffer, read, buffer.length - read);
            if (n < 0) {
                throw new IOException("perf closed its ack FIFO after " + read + " bytes of its acknowledgement");
            }
            read += n;
        }
    }

    @Override
    public void close() {
        try (FileOutputStream c = control; FileInputStream a = ack) {
            control = null;
            ack = null;
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not close perf's FIFOs " + controlFifo + " and " + ackFifo, ex);
        }
    }
}
