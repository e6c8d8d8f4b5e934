package dev.lifecycle.core;

import java.time.Duration;

/**
 * Text as the engine's log lines show it: other people's text with its control characters made visible, and
 * durations in the units a person reads. Integrations that log about services (the Spring Boot starter) write their
 * lines with it, so that every line reads alike and none can be forged by the text it carries.
 *
 * @since 0.1
 */
public final class LogText {

    private LogText() {
    }

    /**
     * Text safe to put in a log line: every control character (C0 and C1, so line breaks and NUL), every invisible
     * formatting character (bidirectional overrides such as U+202E, zero-width characters) and the Unicode line and
     * paragraph separators are written as escapes ({@code \n}, {@code \r}, {@code \t}, otherwise
     * <code>&#92;u202E</code>), so that a message can neither start a forged log line, nor make the log binary, nor reorder what a reader sees.
     * Other text, backslashes included, is unchanged.
     *
     * @param text an exception's message, an operator's reason, a service's own text
     * @return the same text, escaped; {@code text} itself when there is nothing to escape
     */
    public static String escape(String text) {
        int first = 0;
        while (first < text.length() && !mustEscape(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (!mustEscape(ch)) {
                out.append(ch);
            } else if (ch == '\n') {
                out.append("\\n");
            } else if (ch == '\r') {
                out.append("\\r");
            } else if (ch == '\t') {
                out.append("\\t");
            } else {
                out.append("\\u").append(String.format("%04X", (int) ch));
            }
        }
        return out.toString();
    }

    private static boolean mustEscape(char ch) {
        if (ch >= ' ' && ch < 0x7F) {
            return false;
        }
        int type = Character.getType(ch);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * A duration as a person reads it: milliseconds below a second ({@code 12 ms}), then seconds ({@code 4.2 s},
     * {@code 53 s}), minutes ({@code 1 min 53 s}), hours ({@code 2 h 5 min}) and days ({@code 3 d 4 h}). A negative
     * duration reads as {@code 0 ms}.
     *
     * @param duration the duration
     * @return its text
     */
    public static String duration(Duration duration) {
        long millis = duration.isNegative() ? 0 : duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 10_000) {
            long tenths = millis / 100;
            return tenths % 10 == 0 ? tenths / 10 + " s" : tenths / 10 + "." + tenths % 10 + " s";
        }
        long seconds = millis / 1_000;
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3_600) {
            return pair(seconds / 60, "min", seconds % 60, "s");
        }
        long minutes = seconds / 60;
        if (minutes < 24 * 60) {
            return pair(minutes / 60, "h", minutes % 60, "min");
        }
        long hours = minutes / 60;
        return pair(hours / 24, "d", hours % 24, "h");
    }

    private static String pair(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + " " + majorUnit : major + " " + majorUnit + " " + minor + " " + minorUnit;
    }
}
