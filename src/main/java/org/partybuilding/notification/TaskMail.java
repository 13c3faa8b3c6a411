package org.partybuilding.notification;

/**
 * A mail announcing a user's tasks, to queue with {@link MailOutbox#enqueueTaskMail(TaskMail)}: addressed to the
 * user's own account, and a kind of mail the user may switch off ({@link MailPreferences}). Duty mails (reminders,
 * escalations) are {@link Mail}s and cannot be switched off.
 *
 * @param userId        the Camunda user it is for; the address and the name in the salutation are the account's
 * @param dedupKey      as {@link Mail#dedupKey()}
 * @param subject       one line
 * @param body          plain text, written after the salutation "〈name〉同志：" the outbox puts in front of it
 * @param openTaskLimit when not null: nothing is queued when the user already has this many open tasks assigned, or
 *                      more (they are told by the daily digest instead); 0 or less queues nothing
 */
public record TaskMail(String userId, String dedupKey, String subject, String body, Integer openTaskLimit) {
}
