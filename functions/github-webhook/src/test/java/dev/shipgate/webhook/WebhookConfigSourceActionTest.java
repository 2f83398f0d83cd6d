package dev.shipgate.webhook;

import dev.shipgate.shared.config.Env;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SOURCE_ACTION_NAME becomes sourceRevisions[].actionName, which CodePipeline refuses outside its ActionName pattern. */
class WebhookConfigSourceActionTest {

    private static Env env(String sourceAction) {
        return new Env(Map.of(WebhookConfig.PIPELINE_NAME, "p", WebhookConfig.GITHUB_REPOSITORY, "o/r", WebhookConfig.GITHUB_BRANCH, "main",
                WebhookConfig.WEBHOOK_SECRET_ARN, "arn", WebhookConfig.DELIVERIES_TABLE_NAME, "t", WebhookConfig.SOURCE_ACTION_NAME, sourceAction));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"Source stage", "Sourcé", "SourceSourceSourceSourceSourceSourceSourceSourceSourceSourceSourceSourceSourceSourceSourceSourceSourceSourceSourceSourceSource"})
    void from_sourceActionOutsideCodePipelinesActionNames_refused(String sourceAction) {
        assertThatThrownBy(() -> WebhookConfig.from(env(sourceAction))).isInstanceOf(Env.ConfigException.class)
                .hasMessageContaining(WebhookConfig.SOURCE_ACTION_NAME);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"Source", "GitHub.Source@v2_1-a"})
    void from_validSourceAction_kept(String sourceAction) {
        assertThat(WebhookConfig.from(env(sourceAction)).sourceActionName()).isEqualTo(sourceAction);
    }
}
