package org.partybuilding.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The only way to send mail from a process step. The mail is stored in the caller's transaction (in a delegate: the
 * engine's), so it goes out only if the step commits, and is then delivered by the outbox sender with retries.
 */
@Service
public class MailOutbox {

    static final int MAX_DEDUP_KEY_LENGTH = 200;

    private final OutboxRepository repository;
    private final OutboxSender sender;

    MailOutbox(OutboxRepository repository, OutboxSender sender) {
        this.repository = repository;
        this.sender = sender;
    }

    /**
     * Adds the mail to the outbox in the caller's transaction; a second mail with the same dedupKey is ignored.
     * Returns true when added.
     *
     * <p>A mail that cannot be sent (no or invalid recipient, blank subject or body, bad dedup key) is a programming
     * error: it throws {@link IllegalArgumentException} with a Chinese message before anything is stored. Left
     * uncaught in a delegate it fails the step and rolls it back, so the mail is neither lost nor half-queued.
     */
    @Transactional(noRollbackFor = IllegalArgumentException.class)
    public boolean enqueue(Mail mail) {
        if (mail == null) {
            throw new IllegalArgumentException("邮件不能为空");
        }
        String dedupKey = mail.dedupKey();
        if (dedupKey == null || dedupKey.isBlank()) {
            throw new IllegalArgumentException("邮件去重键 dedupKey 不能为空");
        }
        if (dedupKey.length() > MAX_DEDUP_KEY_LENGTH) {
            throw new IllegalArgumentException("邮件去重键 dedupKey 不能超过 " + MAX_DEDUP_KEY_LENGTH + " 个字符：" + dedupKey);
        }
        List<String> recipients = recipients(mail);
        if (mail.subject() == null || mail.subject().isBlank()) {
            throw new IllegalArgumentException("邮件主题不能为空（" + dedupKey + "）");
        }
        if (mail.subject().contains("\r") || mail.subject().contains("\n")) {
            throw new IllegalArgumentException("邮件主题不能换行（" + dedupKey + "）");
        }
        if (mail.body() == null || mail.body().isBlank()) {
            throw new IllegalArgumentException("邮件正文不能为空（" + dedupKey + "）");
        }
        boolean added = repository.insert(dedupKey, recipients, mail.subject(), mail.body());
        if (added) {
            sender.sendAfterCommit();
        }
        return added;
    }

    /** The addresses, trimmed, each a plain valid address, without duplicates (ignoring case), in the given order. */
    private static List<String> recipients(Mail mail) {
        if (mail.to() == null || mail.to().isEmpty()) {
            throw new IllegalArgumentException("邮件至少需要一个收件人（" + mail.dedupKey() + "）");
        }
        Map<String, String> unique = new LinkedHashMap<>();
        for (String to : mail.to()) {
            String address = to == null ? "" : to.strip();
            if (!isPlainAddress(address)) {
                throw new IllegalArgumentException("收件人邮箱地址“" + (to == null ? "" : to) + "”无效（" + mail.dedupKey() + "）");
            }
            unique.putIfAbsent(address.toLowerCase(Locale.ROOT), address);
        }
        return new ArrayList<>(unique.values());
    }

    /** One address as Jakarta Mail will send it: no display name, no group, no list (recipients are stored comma-separated). */
    private static boolean isPlainAddress(String address) {
        if (address.isEmpty() || address.indexOf('@') < 1 || address.contains(",")) {
            return false;
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            return parsed.getPersonal() == null && !parsed.isGroup() && address.equals(parsed.getAddress());
        } catch (AddressException e) {
            return false;
        }
    }
}
