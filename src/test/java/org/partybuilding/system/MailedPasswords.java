package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.partybuilding.Http;

/**
 * Production mode mails each user an initial password that must be changed before anything else: a test reads it from
 * its SMTP server and sets the user's own, as the user would.
 */
final class MailedPasswords {

    private MailedPasswords() {
    }

    /** The user's own password, set with the initial one found in the inbox. */
    static String changeInitialPassword(Supplier<MimeMessage[]> inbox, Http http, String user) {
        await().atMost(Duration.ofSeconds(60)).until(() -> accountMail(inbox, user) != null);
        Matcher initial = Pattern.compile("初始密码：(\\S+)").matcher(accountMail(inbox, user));
        assertThat(initial.find()).isTrue();
        String own = "Own-" + user.replace('.', '-').toUpperCase() + "-2026!";
        Http.Response changed = http.postAnonymous("/api/account/password", "{\"userId\":\"" + user + "\",\"currentPassword\":\""
                + initial.group(1) + "\",\"newPassword\":\"" + own + "\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        return own;
    }

    private static String accountMail(Supplier<MimeMessage[]> inbox, String user) {
        try {
            for (MimeMessage message : inbox.get()) {
                if (InternetAddress.toString(message.getAllRecipients()).contains(user + "@") && message.getSubject().startsWith("【账号开通】")) {
                    return message.getContent().toString();
                }
            }
            return null;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
