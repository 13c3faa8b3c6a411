package org.partybuilding.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code bench/run} is asked to do, from environment variables with the defaults of a full run.
 *
 * @param organizations      BENCH_ORGS: organizations in the synthetic directory (root, towns and sectors included)
 * @param escalations        BENCH_ESCALATIONS: rectification deadlines that fall due at once
 * @param openTasks          BENCH_OPEN_TASKS: open tasks in the database while task lists are timed
 * @param startThreads       BENCH_START_THREADS: threads that open items and start instances through the Java API
 * @param clientThreads      BENCH_CLIENT_THREADS: HTTP client threads that complete tasks
 * @param completions        BENCH_COMPLETIONS: submit tasks completed over REST (at most one per round item)
 * @param listRequests       BENCH_LIST_REQUESTS: timed requests per task list, after the warm-up
 * @param warmup             BENCH_WARMUP: untimed requests per task list first
 * @param listMaxSeconds     BENCH_LIST_MAX_SECONDS: a task list's timed requests stop after this many seconds
 * @param escalationTimeoutSeconds BENCH_ESCALATION_TIMEOUT: seconds to wait for reminder and escalation mail
 * @param inspectionSample   BENCH_INSPECTION_SAMPLE: organizations the quarterly inspection samples (all when fewer)
 * @param outputDir          system property bench.outputDir (the pom sets target/bench)
 */
record Settings(int organizations, int escalations, int openTasks, int startThreads, int clientThreads, int completions,
        int listRequests, int warmup, int listMaxSeconds, int escalationTimeoutSeconds, int inspectionSample, Path outputDir) {

    static Settings fromEnvironment() {
        return new Settings(
                number("BENCH_ORGS", 10_000),
                number("BENCH_ESCALATIONS", 10_000),
                number("BENCH_OPEN_TASKS", 100_000),
                number("BENCH_START_THREADS", 4),
                number("BENCH_CLIENT_THREADS", 8),
                number("BENCH_COMPLETIONS", 2_000),
                number("BENCH_LIST_REQUESTS", 200),
                number("BENCH_WARMUP", 20),
                number("BENCH_LIST_MAX_SECONDS", 600),
                number("BENCH_ESCALATION_TIMEOUT", 600),
                number("BENCH_INSPECTION_SAMPLE", 1_000),
                Path.of(System.getProperty("bench.outputDir", "target/bench")));
    }

    private static int number(String variable, int defaultValue) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a whole number, was \"" + value + "\"", e);
        }
    }

    Map<String, Object> describe() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("BENCH_ORGS", organizations);
        settings.put("BENCH_ESCALATIONS", escalations);
        settings.put("BENCH_OPEN_TASKS", openTasks);
        settings.put("BENCH_START_THREADS", startThreads);
        settings.put("BENCH_CLIENT_THREADS", clientThreads);
        settings.put("BENCH_COMPLETIONS", completions);
        settings.put("BENCH_LIST_REQUESTS", listRequests);
        settings.put("BENCH_WARMUP", warmup);
        settings.put("BENCH_LIST_MAX_SECONDS", listMaxSeconds);
        settings.put("BENCH_ESCALATION_TIMEOUT", escalationTimeoutSeconds);
        settings.put("BENCH_INSPECTION_SAMPLE", inspectionSample);
        return settings;
    }
}
