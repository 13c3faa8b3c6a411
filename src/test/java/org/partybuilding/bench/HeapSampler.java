package org.partybuilding.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The largest heap in use over the run, sampled every 100 ms. It includes the benchmark's own clients and SMTP sink,
 * which keep little. The sum of each heap pool's own peak is reported too: it is an upper bound, as pools peak at
 * different moments.
 */
final class HeapSampler implements AutoCloseable {

    private final Thread thread;
    private volatile long peakBytes;
    private volatile boolean running = true;

    HeapSampler() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        thread = new Thread(this::sample, "bench-heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            peakBytes = Math.max(peakBytes, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    double peakMb() {
        return LatencyRecorder.round(peakBytes / 1048576.0);
    }

    double poolPeakSumMb() {
        return LatencyRecorder.round(heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1048576.0);
    }

    static double maxMb() {
        return LatencyRecorder.round(Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
