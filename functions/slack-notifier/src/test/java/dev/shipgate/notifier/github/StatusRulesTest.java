package dev.shipgate.notifier.github;

import dev.shipgate.notifier.event.ActionInfo;
import dev.shipgate.notifier.event.Commit;
import dev.shipgate.notifier.event.GateVerdict;
import dev.shipgate.notifier.event.Kind;
import dev.shipgate.notifier.event.PipelineEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StatusRulesTest {

    private static final String REGION = "eu-west-1";
    private static final String CONSOLE = "https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/shop/executions/"
            + "3f6c1a2e-8b4d-4e0f-9a7c-5d2b1e9f0a11/timeline?region=eu-west-1";

    @ParameterizedTest
    @CsvSource({
            "STARTED, pending, running",
            "RESUMED, pending, resumed (attempt 2)",
            "SUCCEEDED, success, succeeded",
            "FAILED, failure, failed in stage Build, action BuildImage",
            "STOPPED, error, stopped before it finished (rolled back by ops)",
            "CANCELED, error, canceled",
            "SUPERSEDED, error, superseded by a newer execution"})
    void of_pipelineState_setsThePipelineContext(String state, String expected, String says) {
        Optional<CommitStatus> status = StatusRules.of(pipeline(Kind.PIPELINE, state), REGION);

        assertThat(status).get().satisfies(s -> {
            assertThat(s.context()).isEqualTo("shipgate/pipeline");
            assertThat(s.state()).isEqualTo(expected);
            assertThat(s.description()).startsWith("CodePipeline shop: ").contains(says);
            assertThat(s.targetUrl()).isEqualTo(CONSOLE);
        });
    }

    @Test
    void of_stoppingOrStageOrActionEvents_setNothing() {
        assertThat(StatusRules.of(pipeline(Kind.PIPELINE, "STOPPING"), REGION)).isEmpty();
        assertThat(StatusRules.of(pipeline(Kind.STAGE, "FAILED"), REGION)).isEmpty();
        assertThat(StatusRules.of(pipeline(Kind.ACTION, "FAILED"), REGION)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "PASS, success, 'Passed: no blocking findings (MEDIUM 7, LOW 12)'",
            "FAIL, failure, 'Blocked: 3 blocking findings (CRITICAL 2, HIGH 1, MEDIUM 7, LOW 12)'",
            "AUDIT, success, 'Audit mode, not blocking: 3 blocking findings (CRITICAL 2, HIGH 1, MEDIUM 7, LOW 12)'",
            "ERROR, error, 'No verdict: the ECR scan did not complete within 30 minutes'"})
    void of_gateVerdict_setsTheGateContextWithCounts(String verdict, String expected, String description) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("LOW", 12);
        counts.put("UNDEFINED", 0);
        if (!verdict.equals("PASS")) {
            counts.put("CRITICAL", 2);
            counts.put("HIGH", 1);
        }
        counts.put("MEDIUM", 7);

        CommitStatus status = StatusRules.of(verdict(verdict, counts, verdict.equals("PASS") ? 0 : 3), REGION).orElseThrow();

        assertThat(status.context()).isEqualTo("shipgate/security-gate");
        assertThat(status.state()).isEqualTo(expected);
        assertThat(status.description()).isEqualTo(description);
        assertThat(status.targetUrl()).isEqualTo(CONSOLE);
    }

    @Test
    void of_gateVerdictWithAReport_linksTheReport() {
        String report = "https://eu-west-1.console.aws.amazon.com/s3/object/artifacts?region=eu-west-1&prefix=reports/x/report.html";
        GateVerdict withReport = new GateVerdict("shop", "3f6c1a2e-8b4d-4e0f-9a7c-5d2b1e9f0a11", "repo", "sha256:00", null,
                "ECR_BASIC", "FAIL", "s", Map.of("HIGH", 1), 1, List.of(), List.of(), List.of(), List.of(), Instant.now(), "m-1", report);

        assertThat(StatusRules.of(withReport, REGION)).get().extracting(CommitStatus::targetUrl).isEqualTo(report);
    }

    @Test
    void description_longerThan140_cutOnACodePointWithAnEllipsis() {
        String summary = "x".repeat(120) + "😀😀😀😀😀😀😀😀😀😀😀😀";

        CommitStatus status = StatusRules.of(verdict("ERROR", Map.of(), 0, summary), REGION).orElseThrow();

        assertThat(status.description()).hasSizeLessThanOrEqualTo(140).endsWith("…");
        assertThat(status.description().codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF)).as("no lone surrogate").isTrue();
        assertThat(CommitStatus.fit("a\n  b")).isEqualTo("a b");
    }

    private static PipelineEvent pipeline(Kind kind, String state) {
        ActionInfo action = new ActionInfo("Build", "BuildImage", "CodeBuild", "Build", "failed", null, null, "JobFailed");
        return new PipelineEvent(kind, "eventbridge", "shop", "3f6c1a2e-8b4d-4e0f-9a7c-5d2b1e9f0a11", state, "Build", null,
                Instant.now(), null, Commit.NONE, null, null, state.equals("FAILED") ? action : null,
                state.equals("STOPPED") ? "rolled back by ops" : null, state.equals("RESUMED") ? 2 : 1, "d-1");
    }

    private static GateVerdict verdict(String verdict, Map<String, Integer> counts, int blocking) {
        return verdict(verdict, counts, blocking, "the ECR scan did not complete within 30 minutes");
    }

    private static GateVerdict verdict(String verdict, Map<String, Integer> counts, int blocking, String summary) {
        return new GateVerdict("shop", "3f6c1a2e-8b4d-4e0f-9a7c-5d2b1e9f0a11", "repo", "sha256:00", null, "ECR_BASIC", verdict,
                summary, counts, blocking, List.of(), List.of(), List.of(), List.of(), Instant.now(), "m-1", null);
    }
}
