package dev.shipgate.notifier.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.notifier.event.ActionInfo;
import dev.shipgate.notifier.event.Commit;
import dev.shipgate.notifier.event.Kind;
import dev.shipgate.testing.BlockKitLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MessageRendererTest {

    private final MessageRenderer renderer = new MessageRenderer();

    private static Notification notification(Kind kind, String state, ActionInfo action, Commit commit) {
        return new Notification(kind, state, false, "shop-api", "demo", "3f6c1a2e-8b4d-4e0f-9a7c-5d2b1e9f0a11", "eu-west-1",
                "Build", action, commit, "acme/shop-api", null, null, null, null, 1, null, null, Instant.parse("2026-11-27T10:00:00Z"));
    }

    @Test
    void marker_everyStateOfEveryKind_hasAnEmojiAndItsOwnWord() {
        for (Kind kind : Kind.values()) {
            Set<String> seen = new HashSet<>();
            for (String state : kind.states()) {
                String marker = MessageRenderer.marker(kind, state, false);
                assertThat(marker).as(kind + ":" + state).doesNotStartWith("❔").matches("\\S+ [A-Z ]+");
                assertThat(seen.add(marker)).as("distinct marker for " + state).isTrue();
            }
        }
        assertThat(MessageRenderer.marker(Kind.PIPELINE, "SUCCEEDED", true)).isEqualTo("💚 RECOVERED");
        assertThat(MessageRenderer.marker(Kind.PIPELINE, "PAUSED", false)).isEqualTo("❔ PAUSED");
    }

    @Test
    void render_actionAbandoned_saysAbandonedNotFailed() {
        ActionInfo action = new ActionInfo("Build", "BuildImage", "CodeBuild", "Build", "superseded", null, null, null);

        JsonNode message = renderer.render(notification(Kind.ACTION, "ABANDONED", action, Commit.NONE)).toJson();

        assertThat(message.toString()).contains("*ABANDONED in* stage `Build`").doesNotContain("Failed in");
        assertThat(message.path("blocks").get(0).path("text").path("text").asText()).isEqualTo("🗑️ ABANDONED · demo › Build › BuildImage");
    }

    @Test
    void render_branchHoldingABacktick_staysOneCodeSpan() {
        Commit commit = new Commit("not-a-sha", "Release", "dana", "fix/`*bold*`", null, null);

        String message = renderer.render(notification(Kind.PIPELINE, "STARTED", null, commit)).toJson().toString();

        assertThat(message).contains("*Branch*\\n`fix/'*bold*'`");
    }

    @Test
    void render_tagAndNonHexSha_showsTagAndUnlinkedSha() {
        Commit commit = new Commit("not-a-sha", "Release", "dana", "main", "v1.2.0", null);

        String message = renderer.render(notification(Kind.PIPELINE, "STARTED", null, commit)).toJson().toString();

        assertThat(message).contains("*Tag*\\n`v1.2.0`").doesNotContain("*Branch*").contains("*Commit*\\n`not-a-s`")
                .doesNotContain("github.com/acme/shop-api/commit");
    }

    @Test
    void render_nonCodeBuildFailure_linksActionDetailsInstead() {
        ActionInfo action = new ActionInfo("Deploy", "Deploy", "CodeDeploy", "Deploy", "Deployment d-1 failed", "d-1",
                "https://console.aws.amazon.com/codedeploy/d-1", "JobFailed");

        String message = renderer.render(notification(Kind.ACTION, "FAILED", action, Commit.NONE)).toJson().toString();

        assertThat(message).contains("<https://console.aws.amazon.com/codedeploy/d-1|action details>").doesNotContain("CodeBuild build");
        assertThat(message).contains("https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/demo/executions/");
    }

    @Test
    void render_sixtyFieldsWorthOfContent_stillWithinLimits() {
        SlackMessage message = new SlackMessage("x");
        for (int i = 0; i < 60; i++) {
            message.section("s" + i + "y".repeat(5_000));
        }

        JsonNode json = message.toJson();

        assertThat(json.path("blocks").size()).isEqualTo(50);
        assertThat(BlockKitLimits.check(json)).isNull();
        assertThat(json.path("blocks").get(49).toString()).contains("11 more blocks left out");
    }

    @Test
    void duration_formatsSecondsMinutesHours() {
        assertThat(MessageRenderer.duration(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(MessageRenderer.duration(Duration.ofSeconds(266))).isEqualTo("4m 26s");
        assertThat(MessageRenderer.duration(Duration.ofMinutes(125))).isEqualTo("2h 5m");
    }
}
