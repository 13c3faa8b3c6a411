package org.partybuilding.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox retries.
 *
 * @param pollInterval pause between two polls for due mail ({@code MAIL_POLL_INTERVAL}); new mail is tried at once
 *                     after its transaction commits, the poll catches retries and mail left by a crash
 * @param retryBase    wait after the first failed attempt, doubled after each further one ({@code MAIL_RETRY_BASE})
 * @param retryMax     longest wait between two attempts ({@code MAIL_RETRY_MAX})
 * @param maxAttempts  attempts before a mail becomes FAILED ({@code MAIL_MAX_ATTEMPTS})
 * @param senders      runs sending at once, each over one SMTP connection ({@code MAIL_SENDERS})
 */
@ConfigurationProperties("app.mail")
record OutboxProperties(
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("30s") Duration retryBase,
        @DefaultValue("30m") Duration retryMax,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("4") int senders) {

    OutboxProperties {
        if (retryBase.isNegative() || retryBase.isZero() || retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("app.mail.retry-base must be positive and not above app.mail.retry-max");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("app.mail.max-attempts must be at least 1");
        }
        if (senders < 1) {
            throw new IllegalArgumentException("app.mail.senders must be at least 1");
        }
    }

    /** The wait after the given number of failed attempts: retry-base doubled each time, capped at retry-max. */
    Duration backoffAfter(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration wait = retryBase.multipliedBy(1L << doublings);
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
