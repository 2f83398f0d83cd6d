package dev.shipgate.notifier.policy;

import dev.shipgate.notifier.event.AlarmNotification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AlarmPolicyTest {

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "ALARM, OK, true",
            "ALARM, INSUFFICIENT_DATA, true",
            "ALARM, none, true",
            "OK, ALARM, true",
            "OK, none, true",
            "OK, INSUFFICIENT_DATA, false",
            "INSUFFICIENT_DATA, OK, false",
            "INSUFFICIENT_DATA, ALARM, false"})
    void posts_alarmsAndRecoveries_notFirstEvaluationsOrMissingData(String state, String previous, boolean posted) {
        AlarmNotification alarm = new AlarmNotification("a", null, null, null, null, state, previous, null, null, null, null, "m");

        assertThat(AlarmPolicy.posts(alarm)).isEqualTo(posted);
    }
}
