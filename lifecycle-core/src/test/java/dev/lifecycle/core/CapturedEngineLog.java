package dev.lifecycle.core;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * The engine's log lines (category {@code dev.lifecycle.core.ServiceRegistry}, WARN and above as the tests' logback
 * configuration lets through), captured from creation until {@link #close()}.
 */
final class CapturedEngineLog implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(ServiceRegistry.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    CapturedEngineLog() {
        appender.start();
        logger.addAppender(appender);
    }

    /** Every line so far. */
    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** Every line so far, as {@code LEVEL message}. */
    List<String> lines() {
        return events().stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    /** The key-values of {@code event}, in order. */
    static Map<String, Object> keyValues(ILoggingEvent event) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            pairs.forEach(pair -> values.put(pair.key, pair.value));
        }
        return values;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
