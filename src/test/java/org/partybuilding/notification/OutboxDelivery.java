package org.partybuilding.notification;

import org.springframework.context.ApplicationContext;

/** Lets tests of other capabilities run the outbox sender now, instead of waiting for its poll. */
public final class OutboxDelivery {

    private OutboxDelivery() {
    }

    /** Sends every due mail; returns how many were sent. */
    public static int sendDue(ApplicationContext context) {
        return context.getBean(OutboxSender.class).sendDue();
    }
}
