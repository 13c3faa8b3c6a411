/**
 * Mail that survives rollbacks and SMTP outages. Process steps call {@link org.partybuilding.notification.MailOutbox#enqueue}
 * inside their transaction; the mail is written to the {@code mail_outbox} table and delivered after commit by the
 * package's sender, with retries. Mails announcing a user's tasks go through
 * {@link org.partybuilding.notification.MailOutbox#enqueueTaskMail} (one statement reading the user's address, their
 * switch in {@link org.partybuilding.notification.MailPreferences} and, when asked, their open-task count on the
 * engine's assignee index); duty mails have no switch. Everything else here (the sender, its schedule, the table layout, the operators'
 * {@code /api/mail-outbox} and the {@code mailOutbox} health contributor) is hidden from other capabilities.
 */
package org.partybuilding.notification;
