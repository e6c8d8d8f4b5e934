package dev.lifecycle.spring.actuate.endpoint;

/**
 * What an answer of the endpoint repeats of an operator's input (a service name, an action): the whole of it up to
 * {@value #MAX_LENGTH} characters, else its first {@value #MAX_LENGTH} and a marker with its length, so that an
 * answer stays small whatever was sent.
 */
final class EchoedInput {

    /** The most characters of an input an answer repeats. */
    static final int MAX_LENGTH = 100;

    private EchoedInput() {
    }

    /**
     * The input as an answer repeats it: {@code input} itself, or {@code "aaaa... (5000 characters)"}.
     *
     * @param input what the operator sent
     * @return at most {@value #MAX_LENGTH} characters of it and the marker
     */
    static String of(String input) {
        if (input.length() <= MAX_LENGTH) {
            return input;
        }
        // Never half of a character outside the Basic Multilingual Plane.
        int end = Character.isHighSurrogate(input.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return input.substring(0, end) + "... (" + input.length() + " characters)";
    }
}
