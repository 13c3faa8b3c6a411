package org.partybuilding.bench;

/** Short progress lines on stderr, so that stdout carries nothing but the result document. */
final class Progress {

    private static final long STARTED = System.nanoTime();

    private Progress() {
    }

    static void log(String format, Object... args) {
        System.err.printf("[bench %6.1fs] %s%n", (System.nanoTime() - STARTED) / 1e9, String.format(format, args));
        System.err.flush();
    }
}
