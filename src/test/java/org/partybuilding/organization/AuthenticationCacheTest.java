package org.partybuilding.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Remembered logins: only the exact credentials, only for a while, never when switched off. */
class AuthenticationCacheTest {

    @Test
    void remembersTheExactCredentialsOnly() {
        AuthenticationCache cache = new AuthenticationCache(Duration.ofSeconds(10));
        cache.remember("li.changfu", "demo", List.of("secretaries"), List.of("village-lijia"));

        assertThat(cache.find("li.changfu", "demo").tenants()).containsExactly("village-lijia");
        assertThat(cache.find("li.changfu", "Demo")).isNull();
        assertThat(cache.find("lin.xiuying", "demo")).isNull();
        cache.clear();
        assertThat(cache.find("li.changfu", "demo")).isNull();
    }

    @Test
    void forgetsAfterItsTimeToLive() throws InterruptedException {
        AuthenticationCache cache = new AuthenticationCache(Duration.ofMillis(50));
        cache.remember("li.changfu", "demo", List.of(), List.of());
        Thread.sleep(80);

        assertThat(cache.find("li.changfu", "demo")).isNull();
    }

    @Test
    void remembersNothingWhenSwitchedOff() {
        AuthenticationCache cache = new AuthenticationCache(Duration.ZERO);
        cache.remember("li.changfu", "demo", List.of(), List.of());

        assertThat(cache.find("li.changfu", "demo")).isNull();
    }
}
