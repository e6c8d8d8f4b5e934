package dev.lifecycle.sample.report;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the report job, under {@code sample.report.}.
 *
 * @param interval the time between two report rows
 * @param retention how long a report row is kept before {@code reportCleanup} deletes it
 * @param instance this instance's name in the rows it writes; empty: {@code <pid>@<host>}
 */
@ConfigurationProperties("sample.report")
public record ReportProperties(@DefaultValue("1s") Duration interval, @DefaultValue("10m") Duration retention,
        @Nullable String instance) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the property whose value is not positive
     */
    public ReportProperties {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("sample.report.interval must be positive, was " + interval);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("sample.report.retention must be positive, was " + retention);
        }
    }

    /**
     * The name this instance writes in its rows: {@link #instance()}, or {@code <pid>@<host>} when it is not set.
     *
     * @return the instance's name
     */
    public String instanceName() {
        return instance != null && !instance.isBlank() ? instance : ManagementFactory.getRuntimeMXBean().getName();
    }
}
