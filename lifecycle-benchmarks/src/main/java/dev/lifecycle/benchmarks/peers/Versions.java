package dev.lifecycle.benchmarks.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The exact versions of the peers, as the build resolved them. */
public final class Versions {

    private static final Properties VERSIONS = load();

    private Versions() {
    }

    /**
     * The version of a component: {@code lifecycle}, {@code jboss-msc}, {@code jboss-threads}, {@code guava},
     * {@code spring-framework}, {@code spring-boot} or {@code jmh}.
     *
     * @throws IllegalArgumentException for an unknown component
     */
    public static String of(String component) {
        String version = VERSIONS.getProperty(component);
        if (version == null) {
            throw new IllegalArgumentException("No version recorded for '" + component + "': known are "
                    + VERSIONS.stringPropertyNames());
        }
        return version;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/dev-lifecycle-benchmarks-versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev-lifecycle-benchmarks-versions.properties is missing from the "
                        + "class path: build the module with Maven");
            }
            properties.load(in);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return properties;
    }
}
