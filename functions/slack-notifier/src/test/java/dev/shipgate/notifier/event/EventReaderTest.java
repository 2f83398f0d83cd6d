package dev.shipgate.notifier.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        assertThat(v.reportUrl()).startsWith("https://us-east-1.console.aws.amazon.com/s3/object/").endsWith(".html");
    }

    @Test
    void read_verdictWithoutReportUrl_hasNone() throws Exception {
        GateVerdict v = (GateVerdict) read("sns-gate-verdict-pass.json").get(0);

        assertThat(v.reportUrl()).isNull();
    }

    @Test
    void httpsUrl_keepsS3ConsoleObjectLinksAndDropsEverythingElse() {
        assertThat(EventReader.httpsUrl("https://eu-west-1.console.aws.amazon.com/s3/object/b?region=eu-west-1&prefix=a/b.html"))
                .isEqualTo("https://eu-west-1.console.aws.amazon.com/s3/object/b?region=eu-west-1&prefix=a/b.html");
        assertThat(EventReader.httpsUrl("https://console.aws.amazon.com/s3/object/b?region=us-east-1&prefix=r.html")).isNotNull();
        assertThat(EventReader.httpsUrl("https://example.com/report.html")).isNull();
        assertThat(EventReader.httpsUrl("https://eu-west-1.console.aws.amazon.com.example.com/s3/object/b")).isNull();
        assertThat(EventReader.httpsUrl("https://evilconsole.aws.amazon.com/s3/object/b")).isNull();
        assertThat(EventReader.httpsUrl("https://eu-west-1.console.aws.amazon.com/iam/home")).isNull();
        assertThat(EventReader.httpsUrl("https://eu-west-1.console.aws.amazon.com:8443/s3/object/b")).isNull();
        assertThat(EventReader.httpsUrl("http://example.com/report.html")).isNull();
        assertThat(EventReader.httpsUrl("javascript:alert(1)")).isNull();
        assertThat(EventReader.httpsUrl("https://example.com/r|<!channel>")).isNull();
        assertThat(EventReader.httpsUrl("https://example.com/a b")).isNull();
        assertThat(EventReader.httpsUrl("https://user:pw@example.com/r")).isNull();
        assertThat(EventReader.httpsUrl("https:///no-host")).isNull();
        assertThat(EventReader.httpsUrl("https://example.com/" + "a".repeat(2000))).isNull();
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

    /** aws-lambda-go's published events carry {@code "version": 1} (an integer) in detail and in the action type. */
    @Test
    void read_detailVersionIntegerFloatOrString_sameEvent() throws Exception {
        ObjectNode published = (ObjectNode) Json.MAPPER.readTree(
                Events.root().resolve("events/real/slack-notifier/aws-lambda-go/codepipeline-action-execution-stage-change-event.json").toFile());
        PipelineEvent asPublished = (PipelineEvent) reader.read(published).get(0);

        for (JsonNode version : List.of(Json.MAPPER.getNodeFactory().numberNode(3.0), Json.MAPPER.getNodeFactory().textNode("3"))) {
            ObjectNode variant = published.deepCopy();
            ((ObjectNode) variant.path("detail")).set("version", version);
            ((ObjectNode) variant.path("detail").path("type")).set("version", version);

            assertThat(reader.read(variant)).containsExactly(asPublished);
        }
        assertThat(asPublished.state()).isEqualTo("STARTED");
        assertThat(asPublished.action().provider()).isEqualTo("CodeDeploy");
        assertThat(asPublished.attempt()).isEqualTo(1);
    }

    @Test
    void read_sourceActionOverAConnection_summaryIsTheCommitMessageAndTheIdTheCommit() throws Exception {
        String event = """
                {"version":"0","id":"7d3f5a2c-1b4e-4f6a-9c8d-2e1f0a9b8c7d","detail-type":"CodePipeline Action Execution State Change",
                 "source":"aws.codepipeline","account":"123456789012","time":"2024-05-02T10:00:12Z","region":"eu-west-1",
                 "resources":["arn:aws:codepipeline:eu-west-1:123456789012:shop-api"],
                 "detail":{"pipeline":"shop-api","execution-id":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                  "action-execution-id":"9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a","stage":"Source","action":"Source","state":"SUCCEEDED",
                  "region":"eu-west-1","type":{"owner":"AWS","provider":"CodeStarSourceConnection","category":"Source","version":"1"},
                  "version":2.0,"pipeline-execution-attempt":1.0,
                  "execution-result":{"external-execution-url":"https://eu-west-1.console.aws.amazon.com/codesuite/settings/connections/redirect?connectionArn=arn%3Aaws%3Acodestar-connections%3Aeu-west-1%3A123456789012%3Aconnection%2Fabc&referenceType=COMMIT&FullRepositoryId=acme/shop-api&Commit=9fceb02d0ae598e95dc970b74767f19372d61af8",
                   "external-execution-summary":"{\\"ProviderType\\":\\"GitHub\\",\\"CommitMessage\\":\\"Fix checkout rounding\\"}",
                   "external-execution-id":"9fceb02d0ae598e95dc970b74767f19372d61af8"}}}""";

        PipelineEvent e = (PipelineEvent) reader.read(Json.MAPPER.readTree(event)).get(0);

        assertThat(e.action().summary()).isEqualTo("Fix checkout rounding");
        assertThat(e.trigger().sha()).isEqualTo("9fceb02d0ae598e95dc970b74767f19372d61af8");
        assertThat(e.trigger().message()).isEqualTo("Fix checkout rounding");
        assertThat(e.startTime()).as("no start-time in action events").isNull();
    }

    @Test
    void read_v2GitTagTrigger_takesTagCommitAndAuthor() throws Exception {
        ObjectNode event = (ObjectNode) Json.MAPPER.readTree(Events.read("slack-notifier", "pipeline-failed.json"));
        ObjectNode trigger = ((ObjectNode) event.path("detail")).putObject("execution-trigger");
        trigger.put("author-display-name", "Dana Developer").put("full-repository-name", "acme/shop-api").put("provider-type", "GitHub")
                .put("author-email", "dana@example.com").put("commit-message", "Release 1.4.0").put("author-date", "2024-05-02T09:58:01Z")
                .put("tag-name", "v1.4.0").put("commit-id", "0ad4deec2a8e6e3c1d5b7f9a0c2e4f6a8b0d2f96")
                .put("connection-arn", "arn:aws:codestar-connections:us-east-1:123456789012:connection/1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9")
                .put("author-id", "dana-dev");

        PipelineEvent e = (PipelineEvent) reader.read(event).get(0);

        assertThat(e.trigger().tag()).isEqualTo("v1.4.0");
        assertThat(e.trigger().branch()).isNull();
        assertThat(e.trigger().sha()).isEqualTo("0ad4deec2a8e6e3c1d5b7f9a0c2e4f6a8b0d2f96");
        assertThat(e.trigger().author()).isEqualTo("Dana Developer");
        assertThat(e.triggerType()).as("V2 Git triggers carry no trigger-type").isNull();
    }
}
