package dev.shipgate.notifier;

import dev.shipgate.testing.PreloadLists;
import org.junit.jupiter.api.Test;

class PreloadListTest {

    @Test
    void theRecordedColdStartClassListMatchesTheClasspath() {
        PreloadLists.assertCurrent(SlackNotifierHandler.class);
    }
}
