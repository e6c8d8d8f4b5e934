package dev.lifecycle.spring.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** The events of one logging category, captured from creation until {@link #close()}, with their key-values. */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /**
     * Captures the events of {@code category}'s logger.
     *
     * @param category the class whose name is the category
     */
    public CapturedLog(Class<?> category) {
        this.logger = (Logger) LoggerFactory.getLogger(category);
        appender.start();
        logger.addAppender(appender);
    }

    /** Every event so far. */
    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** Every message so far. */
    public List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /**
     * The key-values of {@code event}, in order.
     *
     * @param event an event
     * @return its key-values
     */
    public static Map<String, Object> keyValues(ILoggingEvent event) {
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
