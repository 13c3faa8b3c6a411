package org.partybuilding.taskmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.SimpleTriggerContext;

/** The digest's settings and its schedule in the city's time zone, whatever the host's. */
class AssignmentMailPropertiesTest {

    static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    @Test
    void aTimeOfDayAndAThresholdAreAccepted() {
        AssignmentMailProperties properties = new AssignmentMailProperties(5, "08:00");
        assertThat(properties.time()).isEqualTo(LocalTime.of(8, 0));
        assertThat(new AssignmentMailProperties(0, "17:45").time()).isEqualTo(LocalTime.of(17, 45));
    }

    @Test
    void aTimeThatIsNoTimeOfDayOrANegativeThresholdStopsTheStart() {
        assertThatThrownBy(() -> new AssignmentMailProperties(5, "8am")).hasMessageContaining("digest-time");
        assertThatThrownBy(() -> new AssignmentMailProperties(5, "25:00")).hasMessageContaining("digest-time");
        assertThatThrownBy(() -> new AssignmentMailProperties(-1, "08:00")).hasMessageContaining("digest-threshold");
    }

    @Test
    void theDigestRunsAtItsTimeOfTheCitysDay() {
        // 2026-11-26 23:30 UTC is 07:30 on the 27th in the city: the next run is half an hour later, not the next UTC day
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T23:30:00Z"), ZoneId.of("America/Los_Angeles"));
        Instant next = DailyDigest.trigger(LocalTime.of(8, 0), CITY).nextExecution(new SimpleTriggerContext(clock));
        assertThat(next).isEqualTo(ZonedDateTime.of(2026, 11, 27, 8, 0, 0, 0, CITY).toInstant());
    }
}
