package org.partybuilding.notification;

import java.time.OffsetDateTime;
import java.util.List;

/** A mail of the outbox as the organization department sees it. */
record OutboxEntry(
        long id,
        String dedupKey,
        List<String> recipients,
        String subject,
        MailStatus status,
        int attempts,
        OffsetDateTime createdAt,
        OffsetDateTime sentAt,
        OffsetDateTime nextAttemptAt,
        String lastError) {
}
