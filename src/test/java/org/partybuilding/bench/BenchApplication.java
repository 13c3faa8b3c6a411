package org.partybuilding.bench;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.partybuilding.Application;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * The whole application as it runs in production, started in this JVM: a fresh embedded PostgreSQL in a temporary
 * folder with fsync and synchronous commit on, authorization checks and the job executor on, demo mode (every
 * directory user's password is {@code demo}) without demo items, the synthetic directory, mail to the SMTP sink and
 * the web server on a free port. The test profile is not used: it would switch the job executor and fsync off.
 */
final class BenchApplication implements AutoCloseable {

    /** Directory import is an {@code @Order(0)} runner; these two runners time it from either side. */
    private static final int BEFORE_IMPORT = -1000;
    private static final int AFTER_IMPORT = 5;

    private final ConfigurableApplicationContext context;
    private final double directoryImportSeconds;

    private BenchApplication(ConfigurableApplicationContext context, double directoryImportSeconds) {
        this.context = context;
        this.directoryImportSeconds = directoryImportSeconds;
    }

    static BenchApplication start(Path directoryFile, int smtpPort) {
        AtomicLong importStarted = new AtomicLong();
        AtomicLong importEnded = new AtomicLong();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .initializers(ctx -> {
                    ctx.getBeanFactory().registerSingleton("benchBeforeDirectoryImport", new Marker(BEFORE_IMPORT, importStarted));
                    ctx.getBeanFactory().registerSingleton("benchAfterDirectoryImport", new Marker(AFTER_IMPORT, importEnded));
                })
                .run("--server.port=0",
                        "--app.database.url=",
                        "--app.database.ephemeral=true",
                        "--app.database.durable=true",
                        "--app.demo-data.enabled=true",
                        "--app.demo-data.open-items=false",
                        "--app.directory.initial-password=" + RestClient.DEMO_PASSWORD,
                        "--app.directory.import-on-startup=true",
                        "--DIRECTORY_FILE=" + directoryFile.toAbsolutePath(),
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + smtpPort,
                        "--camunda.bpm.authorization.enabled=true",
                        "--camunda.bpm.job-execution.enabled=true",
                        "--logging.level.root=warn",
                        "--logging.level.org.partybuilding=info");
        return new BenchApplication(context, (importEnded.get() - importStarted.get()) / 1e9);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    int port() {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    double directoryImportSeconds() {
        return directoryImportSeconds;
    }

    @Override
    public void close() {
        context.close();
    }

    /** Notes the moment it runs among the application's start-up runners. */
    private record Marker(int order, AtomicLong at) implements ApplicationRunner, Ordered {
        @Override
        public void run(ApplicationArguments args) {
            at.set(System.nanoTime());
        }

        @Override
        public int getOrder() {
            return order;
        }
    }
}
