package org.partybuilding.taskmail;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When users get one mail per new task and when the daily digest instead.
 *
 * @param digestThreshold a user with more open tasks than this gets no mail per new task but the daily digest
 *                        ({@code MAIL_DIGEST_THRESHOLD})
 * @param digestTime      when the digest goes out, city time, HH:mm ({@code MAIL_DIGEST_TIME})
 */
@ConfigurationProperties("app.mail.assignment")
record AssignmentMailProperties(@DefaultValue("5") int digestThreshold, @DefaultValue("08:00") String digestTime) {

    AssignmentMailProperties {
        if (digestThreshold < 0) {
            throw new IllegalArgumentException("app.mail.assignment.digest-threshold must not be negative");
        }
        try {
            LocalTime.parse(digestTime);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("app.mail.assignment.digest-time must be a time of day such as 08:00, not " + digestTime);
        }
    }

    LocalTime time() {
        return LocalTime.parse(digestTime);
    }
}
