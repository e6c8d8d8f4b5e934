package dev.lifecycle.spring.console;

import java.util.regex.Pattern;

/** Checks the path a console is served at. */
final class ConsolePaths {

    private static final Pattern VALID = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    private ConsolePaths() {
    }

    /**
     * {@code path} if it is valid: one or more segments of letters, digits, {@code . _ ~ -}, each after a {@code /},
     * no trailing {@code /}.
     *
     * @throws IllegalArgumentException naming the problem and an example otherwise
     */
    static String check(String path) {
        if (!VALID.matcher(path).matches()) {
            throw new IllegalArgumentException("The console path '" + path + "' is not valid: it must start with "
                    + "'/', must not end with '/' and may hold only letters, digits and . _ ~ - between slashes, "
                    + "for example '/lifecycle' or '/ops/lifecycle'");
        }
        return path;
    }
}
