package org.partybuilding.notification;

/** Where a mail of the outbox stands. */
enum MailStatus {
    /** Waiting for its first or next attempt. */
    PENDING,
    /** Accepted by the SMTP server. */
    SENT,
    /** Gave up after {@code app.mail.max-attempts}: waits for the organization department to retry it. */
    FAILED
}
