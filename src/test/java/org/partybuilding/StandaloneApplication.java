package org.partybuilding;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** An application of a test's own (test profile, any free port), for the tests of the pom's standalone execution. */
public final class StandaloneApplication {

    private StandaloneApplication() {
    }

    public static ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--spring.profiles.active=test";
        all[1] = "--server.port=0";
        System.arraycopy(args, 0, all, 2, args.length);
        return new SpringApplicationBuilder(Application.class).run(all);
    }

    public static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * The application in a JVM of its own, as {@code java -cp … Application} runs it, its output appended to {@code log}:
     * on the application's class path (the default run) or with the test classes too (their {@code test} profile).
     */
    public static Process inItsOwnJvm(boolean withTestClasses, String maxHeap, java.nio.file.Path log, List<String> arguments)
            throws IOException {
        String javaBinary = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire's own class path, not its booter jar's; each entry once
        String classPath = java.util.Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                        .split(java.io.File.pathSeparator))
                .filter(entry -> withTestClasses || !entry.endsWith("test-classes")).distinct()
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        List<String> command = new java.util.ArrayList<>(List.of(javaBinary, "-Xmx" + maxHeap, "-Dfile.encoding=UTF-8", "-cp", classPath,
                Application.class.getName()));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Waits until the application answers its readiness probe; fails at once when its process has died. */
    public static void awaitReady(int port, Process app, String logs) {
        Http http = new Http(port);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(180)).pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> {
                    org.assertj.core.api.Assertions.assertThat(app.isAlive()).as("the application on port %d died; see %s", port, logs).isTrue();
                    try {
                        return http.getAnonymous("/actuator/health/readiness").status() == 200;
                    } catch (RuntimeException e) {
                        return false; // not listening yet
                    }
                });
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
