package dev.lifecycle.sample;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * Ends the application with status 0 on SIGTERM or Ctrl-C (SIGINT), once it has shut down gracefully.
 *
 * <p>Left to the JVM, a signal runs the shutdown hooks (Spring's graceful close among them) and then exits with
 * 128 + the signal number, as if the application had failed. Here the signal closes the context, which drains the web
 * server and stops the services in reverse dependency order, and then exits with the context's exit code, 0 unless
 * something asks otherwise.
 */
final class GracefulExit {

    private static final Logger logger = LoggerFactory.getLogger(GracefulExit.class);

    private GracefulExit() {
    }

    static void install(ConfigurableApplicationContext context) {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    Thread exit = new Thread(() -> {
                        logger.info("SIG{} received: shutting down", signal.getName());
                        System.exit(SpringApplication.exit(context));
                    }, "graceful-exit");
                    exit.start();
                });
            } catch (IllegalArgumentException ex) {
                logger.debug("Signal {} cannot be handled here; the JVM's default applies", name, ex);
            }
        }
    }
}
