package org.partybuilding.system;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Demo or production. The default run (embedded database, {@code DEMO_DATA=true}) is a demo: every directory user
 * shares the demo password and demo items are opened. With {@code DEMO_DATA=false} or any {@code DB_URL} the
 * installation is production: the application refuses to start unless {@code ADMIN_PASSWORD} is set to a password
 * that meets Camunda's password policy, each user gets an individual initial password by email and must change it,
 * and the password policy applies to every new password. Created before the engine (its plugins ask it), so a
 * refused start happens before anything is written.
 */
@Component
public class RunMode {

    private final boolean demo;

    public RunMode(@Value("${app.demo-data.enabled}") boolean demoData, @Value("${app.database.url:}") String databaseUrl,
            @Value("${app.security.admin-password:}") String adminPassword) {
        this.demo = demoData && (databaseUrl == null || databaseUrl.isBlank());
        if (!demo) {
            refuseWeakAdminPassword(adminPassword);
        }
    }

    private static void refuseWeakAdminPassword(String adminPassword) {
        if (adminPassword == null || adminPassword.isBlank() || adminPassword.equals("admin")) {
            throw new IllegalStateException("生产模式（DEMO_DATA=false 或设置了 DB_URL）下必须用环境变量 ADMIN_PASSWORD 设置管理员密码，"
                    + "不能使用默认密码 admin。Production mode needs ADMIN_PASSWORD set to a strong password.");
        }
        List<String> violations = Passwords.violations(adminPassword, "admin");
        if (!violations.isEmpty()) {
            throw new IllegalStateException("ADMIN_PASSWORD 不符合密码策略：" + String.join("；", violations)
                    + "。ADMIN_PASSWORD does not meet the password policy.");
        }
    }

    public boolean demo() {
        return demo;
    }

    public boolean production() {
        return !demo;
    }
}
