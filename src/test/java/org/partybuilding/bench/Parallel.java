package org.partybuilding.bench;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs work over a list from a fixed number of threads. Each thread takes the next batch of items from a shared
 * cursor, so fast threads do more and no thread idles while work is left: the elapsed time is the throughput's.
 * A failing batch is counted and the run goes on, so one error does not hide the rate of the rest.
 */
final class Parallel {

    private static final long PROGRESS_EVERY_NANOS = 15_000_000_000L;

    /** How a run went: elapsed seconds, items done and failed, the first failure. */
    record Outcome(double seconds, int done, int failed, Throwable firstFailure) {

        double perSecond() {
            return seconds == 0 ? 0 : LatencyRecorder.round(done / seconds);
        }
    }

    private Parallel() {
    }

    /** Every item on its own ({@code work} per item), batches only share a thread. */
    static <T> Outcome forEach(String label, int threads, int batchSize, List<T> items, Consumer<T> work) {
        return forEachBatch(label, threads, batchSize, items, batch -> batch.forEach(work));
    }

    /** {@code work} gets a whole batch, e.g. to run it in one transaction. */
    static <T> Outcome forEachBatch(String label, int threads, int batchSize, List<T> items, Consumer<List<T>> work) {
        AtomicInteger cursor = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "bench-" + label);
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                int from;
                while ((from = cursor.getAndAdd(batchSize)) < items.size()) {
                    List<T> batch = items.subList(from, Math.min(items.size(), from + batchSize));
                    try {
                        work.accept(batch);
                        done.addAndGet(batch.size());
                    } catch (RuntimeException | Error e) {
                        failed.addAndGet(batch.size());
                        if (firstFailure.compareAndSet(null, e)) {
                            Progress.log("%s: first failure: %s", label, e);
                        }
                    }
                }
            });
        }
        pool.shutdown();
        try {
            long lastReport = System.nanoTime();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                if (System.nanoTime() - lastReport > PROGRESS_EVERY_NANOS) {
                    lastReport = System.nanoTime();
                    Progress.log("%s: %d of %d done (%.0f/s)", label, done.get(), items.size(),
                            done.get() / ((lastReport - start) / 1e9));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            Progress.log("%s: %d failed", label, failed.get());
        }
        return new Outcome(seconds, done.get(), failed.get(), firstFailure.get());
    }
}
