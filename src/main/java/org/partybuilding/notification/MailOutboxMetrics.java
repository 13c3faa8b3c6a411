package org.partybuilding.notification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Gauges {@code app.mail.outbox{status=pending|failed}}: mail waiting for the SMTP server, and mail that needs a
 * person ({@code GET /api/mail-outbox?status=FAILED}). Read at {@code /actuator/metrics/app.mail.outbox}.
 */
@Component
class MailOutboxMetrics implements MeterBinder {

    private static final String DESCRIPTION = "邮件发件箱中未发出的邮件：pending 待发送，failed 发送失败、需要人工处理";

    private final OutboxRepository repository;

    MailOutboxMetrics(OutboxRepository repository) {
        this.repository = repository;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("app.mail.outbox", repository, r -> r.countUnsent().pending()).tag("status", "pending")
                .description(DESCRIPTION).register(registry);
        Gauge.builder("app.mail.outbox", repository, r -> r.countUnsent().failed()).tag("status", "failed")
                .description(DESCRIPTION).register(registry);
    }
}
