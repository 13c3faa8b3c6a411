package org.partybuilding;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The top-level packages are the capabilities (Spring Modulith's application modules): no cycle between them, and
 * each uses of another only what that one offers. Runs without a database.
 */
class ModularityTest {

    @Test
    void capabilitiesDependOnEachOtherWithoutCyclesAndOnlyThroughWhatTheyOffer() {
        ApplicationModules.of(Application.class).verify();
    }
}
