package org.partybuilding.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.partybuilding.system.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The only way to send mail from a process step. The mail is stored in the caller's transaction (in a delegate: the
 * engine's), so it goes out only if the step commits, and is then delivered by the outbox sender with retries.
 */
@Service
public class MailOutbox {

    static final int MAX_DEDUP_KEY_LENGTH = 200;
    static final int MAX_SUBJECT_LENGTH = 200;

    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

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
     * <p>What the mail says never fails the caller's step: line breaks and control characters in the subject become
     * spaces, invalid recipients are left out, and a mail left with no valid recipient is stored as FAILED with the
     * reason (listed by {@code GET /api/mail-outbox?status=FAILED}) instead of stopping the process. Only a bad
     * dedup key, a programming error, throws {@link IllegalArgumentException} before anything is stored.
     */
    @Transactional
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
        List<String> invalid = new ArrayList<>();
        List<String> recipients = recipients(mail, invalid);
        String subject = Texts.oneLine(mail.subject());
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            subject = subject.substring(0, MAX_SUBJECT_LENGTH - 1) + "…";
        }
        if (subject.isEmpty()) {
            subject = "（无主题）";
        }
        String body = mail.body() == null || mail.body().isBlank() ? "（无正文）" : mail.body();
        if (recipients.isEmpty()) {
            String reason = invalid.isEmpty() ? "没有收件人" : "没有有效的收件人：" + String.join(", ", invalid);
            log.error("Mail {} not sent: {}", dedupKey, reason);
            return repository.insertFailed(dedupKey, invalid.isEmpty() ? List.of("-") : invalid, subject, body, reason);
        }
        if (!invalid.isEmpty()) {
            log.warn("Mail {}: invalid recipients left out: {}", dedupKey, invalid);
        }
        boolean added = repository.insert(dedupKey, recipients, subject, body);
        if (added) {
            sender.sendAfterCommit();
        }
        return added;
    }

    /**
     * Adds a mail announcing a user's tasks, in the caller's transaction and in one statement (a round opening
     * thousands of tasks costs one insert each): to the address of the user's own account, greeted by name, unless
     * the user switched these mails off ({@link MailPreferences}), has no usable address, or has reached the mail's
     * open-task limit. A second mail with the same dedupKey is ignored. Returns true when added.
     */
    @Transactional
    public boolean enqueueTaskMail(TaskMail mail) {
        if (mail == null || mail.userId() == null || mail.userId().isBlank()) {
            throw new IllegalArgumentException("任务邮件须指定用户");
        }
        String dedupKey = mail.dedupKey();
        if (dedupKey == null || dedupKey.isBlank() || dedupKey.length() > MAX_DEDUP_KEY_LENGTH) {
            throw new IllegalArgumentException("邮件去重键 dedupKey 不能为空，也不能超过 " + MAX_DEDUP_KEY_LENGTH + " 个字符：" + dedupKey);
        }
        if (mail.openTaskLimit() != null && mail.openTaskLimit() <= 0) {
            return false;
        }
        String subject = Texts.oneLine(mail.subject());
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            subject = subject.substring(0, MAX_SUBJECT_LENGTH - 1) + "…";
        }
        boolean added = repository.insertTaskMail(mail.userId(), dedupKey, subject.isEmpty() ? "（无主题）" : subject,
                "同志：\n\n", mail.body() == null ? "" : mail.body(), mail.openTaskLimit());
        if (added) {
            sender.sendAfterCommit();
        }
        return added;
    }

    /** The valid addresses, trimmed, without duplicates (ignoring case), in the given order; the others in {@code invalid}. */
    private static List<String> recipients(Mail mail, List<String> invalid) {
        Map<String, String> unique = new LinkedHashMap<>();
        for (String to : mail.to() == null ? List.<String>of() : mail.to()) {
            String address = to == null ? "" : to.strip();
            if (isPlainAddress(address)) {
                unique.putIfAbsent(address.toLowerCase(Locale.ROOT), address);
            } else {
                invalid.add(Texts.oneLine(to));
            }
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
