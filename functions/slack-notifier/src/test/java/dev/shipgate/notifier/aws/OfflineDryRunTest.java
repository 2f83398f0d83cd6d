package dev.shipgate.notifier.aws;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineDryRunTest {

    @Test
    void run_everyCallStoppedBeforeTransmission() {
        // A request that reached the HTTP client would fail differently and not be counted as stopped.
        assertThat(OfflineDryRun.run("eu-west-1")).isEqualTo(3);
    }
}
