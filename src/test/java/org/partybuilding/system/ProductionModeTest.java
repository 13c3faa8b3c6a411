package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.partybuilding.Application;
import static org.partybuilding.StandaloneApplication.freePort;
import static org.partybuilding.StandaloneApplication.port;
import static org.partybuilding.StandaloneApplication.start;
import org.partybuilding.Http;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Outside demo mode ({@code DEMO_DATA=false} here; any {@code DB_URL} likewise) the application refuses defaults:
 * it does not start without a strong {@code ADMIN_PASSWORD}, applies it at every start, gives every user an individual
 * password by email that must be changed before anything else, and enforces the password policy. Readiness waits
 * for the start-up work. Each test starts applications of its own (the pom's {@code standalone-applications} run).
 */
class ProductionModeTest {

    static final String ADMIN_PASSWORD = "Qinghe-Root-2026!";
    /** DEMO_DATA=false: the test profile names the property itself, so it is set the same way here. */
    static final String PRODUCTION = "--app.demo-data.enabled=false";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);

    @Test
    void refusesToStartWithTheDefaultOrAWeakAdministratorPassword() {
        assertThatThrownBy(() -> start(PRODUCTION).close()).hasStackTraceContaining("必须用环境变量 ADMIN_PASSWORD 设置管理员密码");
        assertThatThrownBy(() -> start(PRODUCTION, "--ADMIN_PASSWORD=admin").close())
                .hasStackTraceContaining("不能使用默认密码 admin");
        assertThatThrownBy(() -> start(PRODUCTION, "--ADMIN_PASSWORD=short1!").close())
                .hasStackTraceContaining("ADMIN_PASSWORD 不符合密码策略：至少 10 个字符");
    }

    @Test
    void everyUserGetsAnIndividualPasswordByEmailAndMustChangeItBeforeWorking() throws Exception {
        try (ConfigurableApplicationContext app = start(PRODUCTION, "--ADMIN_PASSWORD=" + ADMIN_PASSWORD)) {
            Http http = new Http(port(app));
            String initial = initialPasswordMailedTo("li.changfu@qinghe.example");
            assertThat(initial).isNotEqualTo(Http.DEMO_PASSWORD).hasSize(16);
            assertThat(initialPasswordMailedTo("lin.xiuying@qinghe.example")).isNotEqualTo(initial);

            Http.Response beforeChange = http.get("/api/organizations", "li.changfu", initial);
            assertThat(beforeChange.status()).isEqualTo(403);
            assertThat(beforeChange.json().get("message").asText()).contains("请先修改初始密码");
            assertThat(http.get("/engine-rest/task?maxResults=5", "li.changfu", initial).status()).isEqualTo(403);
            Http.Webapp webapp = http.webapp("li.changfu", initial);
            assertThat(webapp.login().status()).isEqualTo(403);
            assertThat(webapp.login().json().get("message").asText()).contains("首次登录请先修改初始密码");

            Http.Response weak = http.postAnonymous("/api/account/password",
                    "{\"userId\":\"li.changfu\",\"currentPassword\":\"" + initial + "\",\"newPassword\":\"12345678\"}");
            assertThat(weak.status()).isEqualTo(400);
            assertThat(weak.json().get("message").asText()).contains("新密码不符合要求", "至少 10 个字符", "至少一个大写字母");
            Http.Response changed = http.postAnonymous("/api/account/password",
                    "{\"userId\":\"li.changfu\",\"currentPassword\":\"" + initial + "\",\"newPassword\":\"Lijia-Village-88!\"}");
            assertThat(changed.status()).as(changed.body()).isEqualTo(204);

            assertThat(http.get("/api/organizations", "li.changfu", "Lijia-Village-88!").status()).isEqualTo(200);
            assertThat(http.webapp("li.changfu", "Lijia-Village-88!").login().status()).isEqualTo(200);
            assertThat(http.get("/api/organizations", "li.changfu", initial).status()).isEqualTo(401);
            assertThat(http.get("/api/organizations", "lin.xiuying", Http.DEMO_PASSWORD).status()).as("no shared password").isEqualTo(401);
            // the password policy applies to every password an administrator sets as well
            assertThat(http.sendAs("PUT", "/engine-rest/user/lin.xiuying/credentials", "admin", ADMIN_PASSWORD,
                    "{\"password\":\"weak\",\"authenticatedUserPassword\":\"" + ADMIN_PASSWORD + "\"}").status()).isEqualTo(400);
        }
    }

    @Test
    void adminPasswordIsAppliedAtEveryStart(@TempDir Path dataDir) {
        String[] keep = {PRODUCTION, "--app.database.ephemeral=false", "--DATA_DIR=" + dataDir};
        try (ConfigurableApplicationContext first = start(with(keep, "--ADMIN_PASSWORD=" + ADMIN_PASSWORD))) {
            assertThat(new Http(port(first)).get("/api/organizations", "admin", ADMIN_PASSWORD).status()).isEqualTo(200);
        }
        try (ConfigurableApplicationContext second = start(with(keep, "--ADMIN_PASSWORD=Qinghe-Changed-2027#"))) {
            Http http = new Http(port(second));
            assertThat(http.get("/api/organizations", "admin", "Qinghe-Changed-2027#").status()).isEqualTo(200);
            assertThat(http.get("/api/organizations", "admin", ADMIN_PASSWORD).status()).isEqualTo(401);
        }
    }

    @Test
    void isReadyOnlyOnceTheStartUpWorkIsDone() throws Exception {
        int port = freePort();
        CountDownLatch release = new CountDownLatch(1);
        ApplicationRunner slowStartUpWork = args -> release.await(60, TimeUnit.SECONDS);
        CompletableFuture<ConfigurableApplicationContext> starting = CompletableFuture.supplyAsync(() ->
                new SpringApplicationBuilder(Application.class)
                        .initializers(context -> context.getBeanFactory().registerSingleton("slowStartUpWork", slowStartUpWork))
                        .run("--spring.profiles.active=test", "--server.port=" + port));
        HttpClient client = HttpClient.newHttpClient();
        URI readiness = URI.create("http://localhost:" + port + "/actuator/health/readiness");
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> status(client, readiness) == 503);
            assertThat(status(client, URI.create("http://localhost:" + port + "/actuator/health/liveness"))).isEqualTo(200);
        } finally {
            release.countDown();
        }
        try (ConfigurableApplicationContext app = starting.get(60, TimeUnit.SECONDS)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> status(client, readiness) == 200);
        }
    }

    private static String initialPasswordMailedTo(String address) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> !inbox(address).isEmpty());
        MimeMessage mail = inbox(address).get(0);
        assertThat(mail.getSubject()).isEqualTo("【账号开通】“1248”党建责任制系统账号");
        Matcher password = Pattern.compile("初始密码：(\\S+)").matcher(mail.getContent().toString());
        assertThat(password.find()).isTrue();
        return password.group(1);
    }

    private static java.util.List<MimeMessage> inbox(String address) {
        return smtp.findReceivedMessages(user -> address.equalsIgnoreCase(user.getEmail()), message -> true).toList();
    }

    private static int status(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }



    private static String[] with(String[] args, String more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }

}
