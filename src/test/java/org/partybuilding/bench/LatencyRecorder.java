package org.partybuilding.bench;

import java.util.Arrays;

/** Durations of one kind of request, thread-safe; percentiles by the nearest-rank method over every sample kept. */
final class LatencyRecorder {

    private long[] nanos = new long[1024];
    private int size;

    synchronized void record(long durationNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = durationNanos;
    }

    synchronized int count() {
        return size;
    }

    /** The p-th percentile (0 < p <= 100) in milliseconds, to a tenth; NaN without samples. */
    synchronized double percentileMs(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return round(sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6);
    }

    synchronized double meanMs() {
        return size == 0 ? Double.NaN : round(Arrays.stream(nanos, 0, size).average().orElse(0) / 1e6);
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
