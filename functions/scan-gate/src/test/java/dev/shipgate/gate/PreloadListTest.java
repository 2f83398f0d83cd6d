package dev.shipgate.gate;

import dev.shipgate.testing.PreloadLists;
import org.junit.jupiter.api.Test;

class PreloadListTest {

    @Test
    void theRecordedColdStartClassListMatchesTheClasspath() {
        PreloadLists.assertCurrent(ScanGateHandler.class);
    }
}
