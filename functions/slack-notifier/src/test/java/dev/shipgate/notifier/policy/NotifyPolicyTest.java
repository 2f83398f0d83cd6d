package dev.shipgate.notifier.policy;

import dev.shipgate.notifier.event.Kind;
import dev.shipgate.shared.config.Env;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotifyPolicyTest {

    @Test
    void parse_unset_usesDefaultSet() {
        NotifyPolicy policy = NotifyPolicy.parse("NOTIFY_ON", null);

        assertThat(policy.allows(Kind.PIPELINE, "STARTED", false)).isTrue();
        assertThat(policy.allows(Kind.PIPELINE, "SUCCEEDED", false)).isTrue();
        assertThat(policy.allows(Kind.PIPELINE, "FAILED", false)).isTrue();
        assertThat(policy.allows(Kind.PIPELINE, "STOPPED", false)).isTrue();
        assertThat(policy.allows(Kind.PIPELINE, "SUPERSEDED", false)).isTrue();
        assertThat(policy.allows(Kind.STAGE, "FAILED", false)).isTrue();
        assertThat(policy.allows(Kind.ACTION, "FAILED", false)).isTrue();
        assertThat(policy.allows(Kind.GATE, "FAIL", false)).isTrue();
        assertThat(policy.allows(Kind.GATE, "ERROR", false)).isTrue();
        assertThat(policy.allows(Kind.GATE, "AUDIT", false)).as("audit mode lets findings through: always announced").isTrue();

        assertThat(policy.allows(Kind.PIPELINE, "STOPPING", false)).isFalse();
        assertThat(policy.allows(Kind.PIPELINE, "RESUMED", false)).isFalse();
        assertThat(policy.allows(Kind.STAGE, "STARTED", false)).isFalse();
        assertThat(policy.allows(Kind.ACTION, "SUCCEEDED", false)).isFalse();
        assertThat(policy.allows(Kind.GATE, "PASS", false)).isFalse();
        assertThat(policy.allows(Kind.STAGE, "A_STATE_CODEPIPELINE_ADDS_LATER", false)).isFalse();
    }

    @Test
    void parse_kindStateList_selectsExactlyThose() {
        NotifyPolicy policy = NotifyPolicy.parse("NOTIFY_ON", " pipeline:failed , gate:PASS,stage:* ");

        assertThat(policy.allows(Kind.PIPELINE, "FAILED", false)).isTrue();
        assertThat(policy.allows(Kind.GATE, "PASS", false)).isTrue();
        assertThat(policy.allows(Kind.STAGE, "RESUMED", false)).isTrue();
        assertThat(policy.allows(Kind.STAGE, "A_STATE_CODEPIPELINE_ADDS_LATER", false)).as("stage:*").isTrue();
        assertThat(policy.allows(Kind.PIPELINE, "A_STATE_CODEPIPELINE_ADDS_LATER", false)).isFalse();
        assertThat(policy.allows(Kind.PIPELINE, "SUCCEEDED", false)).isFalse();
        assertThat(policy.allows(Kind.GATE, "FAIL", false)).isFalse();
    }

    @Test
    void parse_bareStates_arePipelineStates() {
        NotifyPolicy policy = NotifyPolicy.parse("NOTIFY_ON", "FAILED,SUCCEEDED");

        assertThat(policy.allows(Kind.PIPELINE, "FAILED", false)).isTrue();
        assertThat(policy.allows(Kind.PIPELINE, "SUCCEEDED", false)).isTrue();
        assertThat(policy.allows(Kind.STAGE, "FAILED", false)).isFalse();
    }

    @Test
    void parse_defaultPlusExtra_extendsDefault() {
        NotifyPolicy policy = NotifyPolicy.parse("NOTIFY_ON", "default,gate:PASS");

        assertThat(policy.allows(Kind.GATE, "PASS", false)).isTrue();
        assertThat(policy.allows(Kind.ACTION, "FAILED", false)).isTrue();
    }

    @Test
    void allows_recoveredOnly_sendsOnlySuccessesAfterFailure() {
        NotifyPolicy policy = NotifyPolicy.parse("NOTIFY_ON", "pipeline:FAILED,pipeline:RECOVERED");

        assertThat(policy.allows(Kind.PIPELINE, "SUCCEEDED", true)).isTrue();
        assertThat(policy.allows(Kind.PIPELINE, "SUCCEEDED", false)).isFalse();
    }

    @Test
    void parse_all_selectsEveryStateOfEveryKind() {
        NotifyPolicy policy = NotifyPolicy.parse("NOTIFY_ON", "all");

        for (Kind kind : Kind.values()) {
            for (String state : kind.states()) {
                assertThat(policy.allows(kind, state, false)).as(kind + ":" + state).isTrue();
            }
            assertThat(policy.allows(kind, "A_STATE_CODEPIPELINE_ADDS_LATER", false)).as(kind.label()).isTrue();
        }
    }

    @Test
    void parse_unknownKindOrState_failsNamingVariableAndEntry() {
        assertThatThrownBy(() -> NotifyPolicy.parse("NOTIFY_ON", "pipeline:FAILED,build:FAILED"))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("NOTIFY_ON").hasMessageContaining("build:FAILED");
        assertThatThrownBy(() -> NotifyPolicy.parse("NOTIFY_ON", "action:SUPERSEDED"))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("unknown action state").hasMessageContaining("ABANDONED");
        assertThatThrownBy(() -> NotifyPolicy.parse("NOTIFY_ON", " , ,"))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("selects nothing");
    }
}
