package org.partybuilding.notification;

import org.partybuilding.notification.OutboxRepository.UnsentCounts;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code mailOutbox}: the number of PENDING and FAILED mails. It stays UP whatever they are:
 * an SMTP outage or a failed mail needs a person (GET /api/mail-outbox), and restarting the application would not help.
 * The counts show only where {@code management.endpoint.health.show-details} allows.
 */
@Component
class MailOutboxHealthIndicator implements HealthIndicator {

    private final OutboxRepository repository;

    MailOutboxHealthIndicator(OutboxRepository repository) {
        this.repository = repository;
    }

    @Override
    public Health health() {
        UnsentCounts counts = repository.countUnsent();
        return Health.up().withDetail("pending", counts.pending()).withDetail("failed", counts.failed()).build();
    }
}
