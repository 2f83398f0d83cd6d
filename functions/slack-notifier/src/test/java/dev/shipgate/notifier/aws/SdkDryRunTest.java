package dev.shipgate.notifier.aws;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SdkDryRunTest {

    @Test
    void run_everyCallStoppedBeforeTransmission() {
        // The test JVM has no endpoint override and no network to AWS: a request that was really sent
        // would fail with a connection error instead of being counted as stopped.
        assertThat(SdkDryRun.run()).isEqualTo(4);
    }
}
