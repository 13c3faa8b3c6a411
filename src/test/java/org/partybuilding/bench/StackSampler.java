package org.partybuilding.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A poor man's profiler for one phase: every 50 ms it takes the stacks of the threads that do the phase's work (idle
 * pool threads left out) and counts, per sample and thread pool, the innermost frame (where the thread is: on the CPU, or waiting on a socket) and the innermost
 * frame of the product's own code (which step of ours it is in). Enough to say where a slow phase spends its time
 * without a profiler installed; written to {@code target/bench/profile-<phase>.txt}.
 */
final class StackSampler implements AutoCloseable {

    private static final String OWN_CODE = "org.partybuilding.";
    /** Camunda's commands, entity managers and authentication: which engine step a thread is in. */
    private static final java.util.regex.Pattern ENGINE_STEP =
            java.util.regex.Pattern.compile("(Manager|Cmd|Provider|Filter|Behavior|Listener|ServiceImpl)$");

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Predicate<String> threadName;
    private final Map<String, AtomicInteger> leafFrames = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> ownFrames = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> sqlFrames = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> engineFrames = new ConcurrentHashMap<>();
    private final AtomicInteger samples = new AtomicInteger();
    private final Thread sampler;
    private volatile boolean running = true;

    StackSampler(Predicate<String> threadName) {
        this.threadName = threadName;
        sampler = new Thread(this::sample, "bench-stack-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
                if (info == null || !threadName.test(info.getThreadName()) || info.getStackTrace().length == 0) {
                    continue;
                }
                StackTraceElement[] stack = info.getStackTrace();
                if (idle(stack)) {
                    continue;
                }
                samples.incrementAndGet();
                String pool = info.getThreadName().replaceAll("[-0-9]+$", "") + ": ";
                count(leafFrames, pool + info.getThreadState() + " " + frame(stack[0]));
                count(ownFrames, pool + firstFrame(stack, f -> f.getClassName().startsWith(OWN_CODE)));
                count(engineFrames, pool + firstFrame(stack, f -> f.getClassName().startsWith("org.camunda.bpm")
                        && ENGINE_STEP.matcher(f.getClassName()).find()));
                count(sqlFrames, pool + firstFrame(stack, f -> f.getClassName().startsWith("org.apache.ibatis.executor")
                        || f.getClassName().startsWith("org.springframework.jdbc.core")
                        || f.getClassName().startsWith("org.springframework.mail")
                        || f.getClassName().startsWith("org.camunda.bpm.engine.impl.db.sql.DbSqlSession")));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A pool thread waiting for work is not part of the phase's cost. */
    private static boolean idle(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String method = frame.getClassName() + "." + frame.getMethodName();
            if (method.equals("java.util.concurrent.ThreadPoolExecutor.getTask")
                    || method.equals("org.apache.tomcat.util.threads.ThreadPoolExecutor.getTask")
                    || method.startsWith("org.camunda.bpm.engine.impl.jobexecutor.SequentialJobAcquisitionRunnable.suspendAcquisition")) {
                return true;
            }
        }
        return false;
    }

    private static String firstFrame(StackTraceElement[] stack, Predicate<StackTraceElement> wanted) {
        for (StackTraceElement frame : stack) {
            if (wanted.test(frame)) {
                return frame(frame);
            }
        }
        return "(none)";
    }

    private static String frame(StackTraceElement frame) {
        return frame.getClassName() + "." + frame.getMethodName();
    }

    private static void count(Map<String, AtomicInteger> histogram, String key) {
        histogram.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    void write(Path file, String title) throws IOException {
        close();
        List<String> lines = new ArrayList<>();
        lines.add(title + ": " + samples.get() + " busy-thread samples (every 50 ms); shares of all samples");
        section(lines, "innermost frame (thread state)", leafFrames);
        section(lines, "innermost frame of the product's code", ownFrames);
        section(lines, "innermost Camunda command, entity manager or filter", engineFrames);
        section(lines, "innermost database or mail call", sqlFrames);
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private void section(List<String> lines, String title, Map<String, AtomicInteger> histogram) {
        lines.add("");
        lines.add("== " + title);
        histogram.entrySet().stream().sorted((a, b) -> b.getValue().get() - a.getValue().get()).limit(15)
                .forEach(e -> lines.add(String.format("%5.1f%%  %s", 100.0 * e.getValue().get() / Math.max(1, samples.get()), e.getKey())));
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
