package org.partybuilding.organization;

import java.security.SecureRandom;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.digest.PasswordManager;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.partybuilding.notification.Mail;
import org.partybuilding.notification.MailOutbox;
import org.partybuilding.system.ApiException;
import org.partybuilding.system.AsSystem;
import org.partybuilding.system.Passwords;
import org.partybuilding.system.RunMode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Initial passwords and their first-login change. In demo mode every directory user gets the demo password. In
 * production each new user gets a random password by email and must change it before anything else: the
 * authentication filters refuse them until {@code ACT_ID_USER.PWD_} differs from the hash recorded here, whichever
 * way the password was changed (this product's page, Camunda's profile page, an administrator).
 */
@Component
public class Accounts {

    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SPECIAL = "!@#%+=?";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final IdentityService identityService;
    private final MailOutbox outbox;
    private final RunMode mode;
    private final String demoPassword;
    private final String baseUrl;
    private final PasswordManager passwords;

    Accounts(JdbcClient jdbc, ProcessEngine engine, MailOutbox outbox, RunMode mode,
            @Value("${app.directory.initial-password}") String demoPassword, @Value("${app.base-url}") String baseUrl) {
        this.jdbc = jdbc;
        this.identityService = engine.getIdentityService();
        this.passwords = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getPasswordManager();
        this.outbox = outbox;
        this.mode = mode;
        this.demoPassword = demoPassword;
        this.baseUrl = baseUrl;
    }

    /** The password a new directory user starts with. */
    String initialPassword() {
        return mode.demo() ? demoPassword : randomPassword();
    }

    /** After a new user was saved with {@link #initialPassword()}: in production, record it and mail it. */
    void created(String userId, String name, String email, String password) {
        if (mode.demo()) {
            return;
        }
        String hash = jdbc.sql("select pwd_ from act_id_user where id_ = ?").param(userId).query(String.class).single();
        long issue = jdbc.sql("""
                insert into user_account (user_id, initial_password_hash) values (?, ?)
                on conflict (user_id) do update set initial_password_hash = excluded.initial_password_hash,
                    issue = nextval('user_account_issue_seq'), created_at = now()
                returning issue""").params(userId, hash).query(Long.class).single();
        outbox.enqueue(new Mail("account-" + userId + "-" + issue, List.of(email),
                "【账号开通】“1248”党建责任制系统账号",
                name + "同志：\n\n您的“1248”党建责任制系统账号已开通。\n\n"
                        + "用户名：" + userId + "\n初始密码：" + password + "\n\n"
                        + "首次登录前请先修改初始密码：" + baseUrl + "/account/password.html\n"
                        + "修改后即可登录任务列表：" + baseUrl + "/camunda/app/tasklist/\n\n"
                        + "初始密码仅供本人使用，请勿转告他人。\n\n——\n此邮件由“1248”党建责任制系统自动发送，请勿直接回复。"));
    }

    void removed(String userId) {
        jdbc.sql("delete from user_account where user_id = ?").param(userId).update();
    }

    /** True while the user still has the initial password they were sent. */
    public boolean mustChangePassword(String userId) {
        return jdbc.sql("""
                select count(*) from user_account a join act_id_user u on u.id_ = a.user_id
                where a.user_id = ? and u.pwd_ = a.initial_password_hash""").param(userId).query(Long.class).single() > 0;
    }

    /**
     * True when the password is right and still the initial one: checked against the stored hash without counting
     * an attempt, so that the webapps' login can be refused with a clear message before it starts a session.
     */
    public boolean loginNeedsPasswordChange(String userId, String password) {
        if (userId == null || password == null) {
            return false;
        }
        return jdbc.sql("""
                select u.pwd_, u.salt_ from user_account a join act_id_user u on u.id_ = a.user_id
                where a.user_id = ? and u.pwd_ = a.initial_password_hash""").param(userId)
                .query((rs, n) -> passwords.check(EncryptionUtil.saltPassword(password, rs.getString(2)), rs.getString(1)))
                .optional().orElse(false);
    }

    /** Failed attempts and the end of a temporary lock, for the log line of a failed login. */
    public String lockState(String userId) {
        return jdbc.sql("select attempts_, lock_exp_time_ from act_id_user where id_ = ?").param(userId)
                .query((rs, n) -> rs.getInt(1) + " failed attempts"
                        + (rs.getTimestamp(2) == null ? "" : ", locked until " + rs.getTimestamp(2).toInstant()))
                .optional().orElse("unknown user");
    }

    /**
     * Changes a user's password after checking the current one (a wrong one counts as a failed login) and, in
     * production, Camunda's password policy.
     *
     * @throws ApiException 401 for wrong credentials, 400 naming what the new password lacks
     */
    @Transactional
    public void changePassword(String userId, String currentPassword, String newPassword) {
        if (userId == null || currentPassword == null || !identityService.checkPassword(userId, currentPassword)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "用户名或当前密码不正确（多次输错会暂时锁定账号）");
        }
        if (newPassword == null || newPassword.isBlank()) {
            throw ApiException.badField("newPassword", "请填写新密码");
        }
        if (newPassword.equals(currentPassword)) {
            throw ApiException.badField("newPassword", "新密码不能与当前密码相同");
        }
        AsSystem.call(identityService, () -> {
            User user = identityService.createUserQuery().userId(userId).singleResult();
            if (mode.production()) {
                PasswordPolicyResult result = identityService.checkPasswordAgainstPolicy(newPassword, user);
                if (!result.isValid()) {
                    throw ApiException.badField("newPassword", "新密码不符合要求：" + String.join("；",
                            result.getViolatedRules().stream().map(Passwords::describe).toList()));
                }
            }
            user.setPassword(newPassword);
            identityService.saveUser(user);
            return null;
        });
    }

    static String randomPassword() {
        String all = UPPER + LOWER + DIGITS + SPECIAL;
        StringBuilder password = new StringBuilder();
        for (String set : new String[] {UPPER, LOWER, DIGITS, SPECIAL}) {
            password.append(set.charAt(RANDOM.nextInt(set.length())));
        }
        while (password.length() < 16) {
            password.append(all.charAt(RANDOM.nextInt(all.length())));
        }
        for (int i = password.length() - 1; i > 0; i--) {
            int j = RANDOM.nextInt(i + 1);
            char c = password.charAt(i);
            password.setCharAt(i, password.charAt(j));
            password.setCharAt(j, c);
        }
        return password.toString();
    }
}
