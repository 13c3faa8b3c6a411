package org.partybuilding.notification;

import java.util.List;

/**
 * A plain-text mail to queue with {@link MailOutbox#enqueue(Mail)}.
 *
 * @param dedupKey at most 200 characters, stable for the business event it announces and built from business ids
 *                 (for example {@code rectification:<businessKey>:overdue:<round>}), never from random values or the
 *                 clock: a second mail with the same key is ignored, so a step that runs again does not mail again
 * @param to       recipient addresses; duplicates are removed
 * @param subject  one line
 * @param body     plain text
 */
public record Mail(String dedupKey, List<String> to, String subject, String body) {
}
