package dev.shipgate.webhook;

import dev.shipgate.testing.PreloadLists;
import org.junit.jupiter.api.Test;

class PreloadListTest {

    @Test
    void theRecordedColdStartClassListMatchesTheClasspath() {
        PreloadLists.assertCurrent(WebhookHandler.class);
    }
}
