package org.partybuilding.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxPropertiesTest {

    private final OutboxProperties defaults = new OutboxProperties(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(30), 10, 4);

    @Test
    void doublesTheWaitAfterEachFailureStartingFromTheBase() {
        assertThat(defaults.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.backoffAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.backoffAfter(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.backoffAfter(6)).isEqualTo(Duration.ofMinutes(16));
    }

    @Test
    void capsTheWaitAtTheMaximumEvenAfterVeryManyFailures() {
        assertThat(defaults.backoffAfter(7)).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.backoffAfter(1_000)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void refusesAZeroBaseWhichWouldRetryInATightLoop() {
        assertThatThrownBy(() -> new OutboxProperties(Duration.ofSeconds(10), Duration.ZERO, Duration.ofMinutes(30), 10, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retry-base");
    }

    @Test
    void refusesFewerThanOneSender() {
        assertThatThrownBy(() -> new OutboxProperties(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(30), 10, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("senders");
    }
}
