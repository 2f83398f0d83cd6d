package dev.shipgate.notifier.event;

import dev.shipgate.testing.Events;
import dev.shipgate.testing.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventReaderTest {

    private final EventReader reader = new EventReader();

    private List<Incoming> read(String scenario) throws Exception {
        return reader.read(Json.MAPPER.readTree(Events.read("slack-notifier", scenario)));
    }

    @Test
    void read_eventBridgePipelineFailed_takesStateTimesAndGitTrigger() throws Exception {
        PipelineEvent e = (PipelineEvent) read("pipeline-failed.json").get(0);

        assertThat(e.kind()).isEqualTo(Kind.PIPELINE);
        assertThat(e.origin()).isEqualTo("eventbridge");
        assertThat(e.pipeline()).isEqualTo("shipgate-demo-pipeline");
        assertThat(e.state()).isEqualTo("FAILED");
        assertThat(e.region()).isEqualTo("us-east-1");
        assertThat(e.startTime()).isEqualTo(Instant.parse("2026-11-27T10:02:03.456Z"));
        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-27T10:06:30Z"));
        assertThat(e.trigger().sha()).isEqualTo("9fceb02d0ae598e95dc970b74767f19372d61af8");
        assertThat(e.trigger().author()).isEqualTo("Dana Developer");
        assertThat(e.trigger().branch()).isEqualTo("main");
        assertThat(e.triggerType()).isEqualTo("WebhookV2");
        assertThat(e.finished()).isTrue();
    }

    @Test
    void read_actionFailedCodeBuild_takesResultAndProvider() throws Exception {
        PipelineEvent e = (PipelineEvent) read("action-failed-codebuild.json").get(0);

        assertThat(e.kind()).isEqualTo(Kind.ACTION);
        assertThat(e.action().stage()).isEqualTo("Build");
        assertThat(e.action().action()).isEqualTo("BuildImage");
        assertThat(e.action().provider()).isEqualTo("CodeBuild");
        assertThat(e.action().externalId()).isEqualTo("shipgate-demo-build:5a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b");
        assertThat(e.action().summary()).startsWith("Build terminated with state: FAILED");
        assertThat(e.action().errorCode()).isEqualTo("JobFailed");
        assertThat(e.finished()).isFalse();
    }

    @Test
    void read_stoppingWithComments_keepsComments() throws Exception {
        PipelineEvent e = (PipelineEvent) read("pipeline-stopping.json").get(0);

        assertThat(e.stopComments()).isEqualTo("Stopped by <ops> & on-call: wrong commit");
    }

    @Test
    void read_snsGateVerdict_parsesContract() throws Exception {
        GateVerdict v = (GateVerdict) read("sns-gate-verdict-fail.json").get(0);

        assertThat(v.verdict()).isEqualTo("FAIL");
        assertThat(v.pipeline()).isEqualTo("shipgate-demo-pipeline");
        assertThat(v.counts()).containsEntry("CRITICAL", 2).containsEntry("LOW", 12);
        assertThat(v.blockingCount()).isEqualTo(3);
        assertThat(v.blocking().get(0).id()).isEqualTo("CVE-2024-5535");
        assertThat(v.blocking().get(0).cvss()).isEqualTo(9.1);
        assertThat(v.blocking().get(1).fixedIn()).isNull();
        assertThat(v.expiredExceptions()).containsExactly("CVE-2023-4911");
        assertThat(v.time()).isEqualTo(Instant.parse("2026-11-27T10:07:05.123Z"));
    }

    @Test
    void read_codeStarNotification_readsDetailTypeAndFailedAction() throws Exception {
        PipelineEvent e = (PipelineEvent) read("sns-codestar-pipeline-failed.json").get(0);

        assertThat(e.origin()).isEqualTo("codestar");
        assertThat(e.kind()).isEqualTo(Kind.PIPELINE);
        assertThat(e.state()).isEqualTo("FAILED");
        assertThat(e.action().stage()).isEqualTo("Build");
        assertThat(e.action().action()).isEqualTo("BuildImage");
        assertThat(e.action().summary()).isEqualTo("Build terminated with state: FAILED");
    }

    @Test
    void read_codeStarStageStarted_takesCommitFromSourceActionVariables() throws Exception {
        PipelineEvent e = (PipelineEvent) read("sns-codestar-stage-started.json").get(0);

        assertThat(e.trigger().sha()).isEqualTo("9fceb02d0ae598e95dc970b74767f19372d61af8");
        assertThat(e.trigger().branch()).isEqualTo("main");
    }

    @Test
    void read_severalSnsRecords_returnsOnePerRecord() throws Exception {
        List<Incoming> events = read("sns-multiple-records.json");

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(GateVerdict.class);
        assertThat(events.get(1)).isInstanceOf(PipelineEvent.class);
    }

    @Test
    void read_unknownOrMalformed_namesTypeWithoutContent() throws Exception {
        Incoming.Unrecognized s3 = (Incoming.Unrecognized) read("unknown-s3-event.json").get(0);
        Incoming.Unrecognized scheduled = (Incoming.Unrecognized) read("unknown-scheduled-event.json").get(0);
        Incoming.Unrecognized malformed = (Incoming.Unrecognized) read("malformed-pipeline-event.json").get(0);
        Incoming.Unrecognized text = (Incoming.Unrecognized) read("sns-not-json-message.json").get(0);

        assertThat(s3.type()).isEqualTo("aws:s3");
        assertThat(scheduled.type()).isEqualTo("Scheduled Event");
        assertThat(malformed.reason()).contains("execution-id");
        assertThat(text.type()).isEqualTo("sns:text");
    }

    @Test
    void read_verdictWithUnknownVerdict_isUnrecognized() throws Exception {
        String sns = "{\"Records\":[{\"Sns\":{\"Message\":\"{\\\"type\\\":\\\"shipgate.scan-gate.verdict\\\",\\\"verdict\\\":\\\"MAYBE\\\"}\"}}]}";

        Incoming result = reader.read(Json.MAPPER.readTree(sns)).get(0);

        assertThat(result).isInstanceOf(Incoming.Unrecognized.class);
        assertThat(((Incoming.Unrecognized) result).reason()).contains("verdict");
    }
}
