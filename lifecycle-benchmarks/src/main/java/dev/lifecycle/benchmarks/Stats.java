package dev.lifecycle.benchmarks;

import java.util.Arrays;

/**
 * The median, minimum and maximum of a series of measurements.
 *
 * @param median the median (the mean of the two middle values for an even count)
 * @param min the smallest
 * @param max the largest
 * @param count how many there were
 */
public record Stats(double median, double min, double max, int count) {

    /** The statistics of {@code values}; there must be at least one. */
    public static Stats of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("No measurement to summarise");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(median, sorted[0], sorted[n - 1], n);
    }
}
