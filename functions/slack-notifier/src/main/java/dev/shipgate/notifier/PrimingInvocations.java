package dev.shipgate.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.notifier.aws.CodePipelineExecutions;
import dev.shipgate.notifier.aws.DynamoDbStateStore;
import dev.shipgate.notifier.aws.DynamoDbThreadStore;
import dev.shipgate.notifier.event.EventReader;
import dev.shipgate.notifier.github.CommitStatus;
import dev.shipgate.notifier.github.GitHubCommitStatuses;
import dev.shipgate.notifier.github.GitHubStatusClient;
import dev.shipgate.notifier.output.SlackOutput;
import dev.shipgate.notifier.output.WebhookOutput;
import dev.shipgate.notifier.policy.Mentions;
import dev.shipgate.notifier.policy.NotifyPolicy;
import dev.shipgate.notifier.slack.SlackChat;
import dev.shipgate.notifier.slack.SlackClient;
import dev.shipgate.notifier.thread.SlackThreads;
import dev.shipgate.shared.aws.SdkDryRun;
import dev.shipgate.shared.init.PrimingContext;
import dev.shipgate.shared.init.RuntimeCall;
import dev.shipgate.shared.init.PrimingLog;
import dev.shipgate.shared.json.JsonTree;
import dev.shipgate.shared.log.JsonLog;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * SnapStart priming's synthetic invocations: an action failure, its pipeline's failure (delivered twice) and a late
 * resume (EventBridge), a gate verdict and a CloudWatch alarm (SNS), each through the handler (called reflectively, as
 * the runtime calls it) and the real {@link NotifierService} with its real adapters, so the call sites a real invocation links on first use (pattern
 * switches, lambdas, string concatenations, the SDK's request and response paths) are linked before the checkpoint.
 * <p>
 * Nothing leaves the process: the SDK calls run on the function's real clients and {@link SdkDryRun} answers them as
 * the services would (DynamoDB: no item yet, or the sent mark for the redelivery, every write accepted; CodePipeline:
 * the execution with its commit) instead of sending them; Slack and GitHub are in-memory stand-ins
 * ({@link StandInSlack}, {@link StandInGitHub}) that keep what would have been sent. The outcome is checked: a synthetic invocation that does not end as a real one would
 * (nothing posted, no status, a degraded step logged) fails the priming, and so the checkpoint.
 */
final class PrimingInvocations {

    /** What the synthetic invocations did. */
    record Primed(int invocations, int slackPosts, int commitStatuses, int dynamoDbCalls, int codePipelineCalls) {
    }

    static final String EXECUTION = "00000000-0000-0000-0000-000000000001";
    /** The commit CodePipeline's (answered) execution runs: every status and message must name it. */
    static final String COMMIT = "1111111111111111111111111111111111111111";

    private static final String ACTION_FAILED = """
            {"version":"0","id":"00000000-0000-0000-0000-000000000010","detail-type":"CodePipeline Action Execution State Change",
             "source":"aws.codepipeline","account":"000000000000","time":"2026-01-01T00:05:00Z","region":"us-east-1",
             "resources":["arn:aws:codepipeline:us-east-1:000000000000:priming"],
             "detail":{"pipeline":"priming","execution-id":"00000000-0000-0000-0000-000000000001","start-time":"2026-01-01T00:00:00.000Z",
              "stage":"Build","action":"Build","state":"FAILED","region":"us-east-1","version":1.0,"pipeline-execution-attempt":1.0,
              "type":{"owner":"AWS","provider":"CodeBuild","category":"Build","version":"1"},
              "execution-trigger":{"trigger-type":"WebhookV2","commit-id":"0123456789abcdef0123456789abcdef01234567",
               "commit-message":"priming <&>","author-display-name":"priming","branch-name":"main"},
              "execution-result":{"external-execution-summary":"Build failed","error-code":"JobFailed",
               "external-execution-id":"priming:00000000-0000-0000-0000-000000000002"}}}""";
    /** As CodePipeline sends it, with its start (the message shows the duration); the commit comes from the execution. */
    private static final String PIPELINE_FAILED = """
            {"version":"0","id":"00000000-0000-0000-0000-000000000011","detail-type":"CodePipeline Pipeline Execution State Change",
             "source":"aws.codepipeline","account":"000000000000","time":"2026-01-01T00:06:00Z","region":"us-east-1",
             "resources":["arn:aws:codepipeline:us-east-1:000000000000:priming"],
             "detail":{"pipeline":"priming","execution-id":"00000000-0000-0000-0000-000000000001","start-time":"2026-01-01T00:00:00.000Z",
              "state":"FAILED","version":1.0,"pipeline-execution-attempt":1.0,
              "execution-trigger":{"trigger-type":"WebhookV2","commit-id":"0123456789abcdef0123456789abcdef01234567",
               "commit-message":"priming <&>","author-display-name":"priming","branch-name":"main"}}}""";
    /** Not selected by the default NOTIFY_ON: with the webhook, only its (pending) commit status is set. */
    private static final String PIPELINE_RESUMED = """
            {"version":"0","id":"00000000-0000-0000-0000-000000000012","detail-type":"CodePipeline Pipeline Execution State Change",
             "source":"aws.codepipeline","account":"000000000000","time":"2026-01-01T00:07:00Z","region":"us-east-1",
             "resources":["arn:aws:codepipeline:us-east-1:000000000000:priming"],
             "detail":{"pipeline":"priming","execution-id":"00000000-0000-0000-0000-000000000001","state":"RESUMED",
              "version":1.0,"pipeline-execution-attempt":2.0}}""";
    private static final String VERDICT = "{\"type\":\"shipgate.scan-gate.verdict\",\"version\":1,\"pipelineName\":\"priming\","
            + "\"pipelineExecutionId\":\"00000000-0000-0000-0000-000000000001\",\"repository\":\"priming\",\"imageDigest\":\"sha256:00\","
            + "\"scanSource\":\"ECR_BASIC\",\"verdict\":\"FAIL\",\"summary\":\"priming\",\"counts\":{\"CRITICAL\":1},\"blockingCount\":1,"
            + "\"blocking\":[{\"id\":\"CVE-0000-0000\",\"severity\":\"CRITICAL\",\"package\":\"p\",\"version\":\"1\",\"fixedIn\":\"2\","
            + "\"cvss\":9.8,\"uri\":\"https://example.com\"}],\"expiredExceptions\":[],\"unusedExceptions\":[],\"expiringSoon\":[],"
            + "\"reportUrl\":\"https://us-east-1.console.aws.amazon.com/s3/object/priming?region=us-east-1&prefix=r.html\"}";
    private static final String ALARM = "{\"AlarmName\":\"priming\",\"AlarmDescription\":\"priming <&>\",\"AWSAccountId\":\"000000000000\","
            + "\"NewStateValue\":\"ALARM\",\"NewStateReason\":\"Threshold Crossed: 1 datapoint [2.0] was greater than or equal to the "
            + "threshold (1.0).\",\"StateChangeTime\":\"2026-01-01T00:10:00.000+0000\",\"Region\":\"US East (N. Virginia)\","
            + "\"AlarmArn\":\"arn:aws:cloudwatch:us-east-1:000000000000:alarm:priming\",\"OldStateValue\":\"OK\","
            + "\"Trigger\":{\"MetricName\":\"ApproximateNumberOfMessagesVisible\",\"Namespace\":\"AWS/SQS\",\"Statistic\":\"MAXIMUM\","
            + "\"Dimensions\":[{\"value\":\"priming\",\"name\":\"QueueName\"}],\"Period\":300,\"EvaluationPeriods\":1,"
            + "\"ComparisonOperator\":\"GreaterThanOrEqualToThreshold\",\"Threshold\":1.0}}";

    /** GetItem of an item not written yet, and an accepted PutItem or UpdateItem, both answer an empty object. */
    private static final SdkDryRun.Answer DYNAMODB_EMPTY = SdkDryRun.Answer.ok("application/x-amz-json-1.0",
            "{}".getBytes(StandardCharsets.UTF_8));
    /** GetItem of the mark the pipeline failure left once it was posted (and its writes, which ignore the body). */
    private static final SdkDryRun.Answer DYNAMODB_SENT_MARK = SdkDryRun.Answer.ok("application/x-amz-json-1.0", """
            {"Item":{"pipeline":{"S":"sent#00000000-0000-0000-0000-000000000011"},"sentAt":{"S":"2026-01-01T00:06:01Z"},
             "expiresAt":{"N":"1767398400"}}}""".getBytes(StandardCharsets.UTF_8));
    /** GetPipelineExecution of a webhook-started execution: the commit in its variables and its source revision. */
    private static final SdkDryRun.Answer EXECUTION_FOUND = SdkDryRun.Answer.ok("application/x-amz-json-1.1", ("""
            {"pipelineExecution":{"pipelineName":"priming","pipelineVersion":1,"pipelineExecutionId":"%s","status":"Failed",
             "artifactRevisions":[{"name":"SourceArtifact","revisionId":"%s",
               "revisionSummary":"{\\"ProviderType\\":\\"GitHub\\",\\"CommitMessage\\":\\"priming\\"}",
               "revisionUrl":"https://github.com/priming/priming/commit/%s"}],
             "trigger":{"triggerType":"StartPipelineExecution","triggerDetail":"priming"},
             "variables":[{"name":"COMMIT_SHA","resolvedValue":"%s"},{"name":"GIT_REF","resolvedValue":"refs/heads/main"},
               {"name":"COMMIT_MESSAGE","resolvedValue":"priming <&>"},{"name":"COMMIT_AUTHOR","resolvedValue":"priming"},
               {"name":"COMPARE_URL","resolvedValue":"https://github.com/priming/priming/compare/000000000000...111111111111"}]}}"""
            .formatted(EXECUTION, COMMIT, COMMIT, COMMIT)).getBytes(StandardCharsets.UTF_8));

    private final NotifierConfig config;
    private final EventReader reader;
    private final DynamoDbClient dynamo;
    private final CodePipelineClient codePipeline;

    PrimingInvocations(NotifierConfig config, EventReader reader, DynamoDbClient dynamo, CodePipelineClient codePipeline) {
        this.config = config;
        this.reader = reader;
        this.dynamo = dynamo;
        this.codePipeline = codePipeline;
    }

    /**
     * Runs the synthetic invocations on a handler that holds {@code owner}; throws {@link IllegalStateException} when
     * one did not end as a real one would.
     */
    Primed run(NotifierPriming owner) {
        return run(owner, new StandInSlack(), new StandInGitHub());
    }

    /** With the given stand-ins (tests look at what they kept). */
    Primed run(NotifierPriming owner, StandInSlack slack, StandInGitHub github) {
        requireDryRunCapableClients();
        AtomicInteger dynamoDbCalls = new AtomicInteger();
        AtomicInteger codePipelineCalls = new AtomicInteger();
        AtomicReference<SdkDryRun.Answer> table = new AtomicReference<>(DYNAMODB_EMPTY);
        Consumer<AwsRequestOverrideConfiguration.Builder> dynamoDbAnswer = request -> {
            dynamoDbCalls.incrementAndGet();
            SdkDryRun.answer(table.get()).accept(request);
        };
        Consumer<AwsRequestOverrideConfiguration.Builder> executionAnswer = request -> {
            codePipelineCalls.incrementAndGet();
            SdkDryRun.answer(EXECUTION_FOUND).accept(request);
        };
        PrimingLog logger = new PrimingLog();
        JsonLog log = new JsonLog("slack-notifier", logger);
        Clock clock = Clock.systemUTC();
        // Fixed settings, so what is expected of each event does not depend on the stack's NOTIFY_ON and mention.
        NotifierConfig primed = new NotifierConfig(config.slack(), NotifyPolicy.defaults(),
                Mentions.parse(NotifierConfig.SLACK_MENTION_ON_FAILURE, "<@U000PRIMING>"), config.githubRepository(),
                config.projectName(), config.stateTableName(), config.region());
        DynamoDbStateStore state = new DynamoDbStateStore(dynamo, config.stateTableName(), clock, dynamoDbAnswer);
        SlackOutput output = switch (config.slack()) {
            case SlackTarget.Webhook webhook -> new WebhookOutput(slack);
            case SlackTarget.WebApi api -> new SlackThreads(new DynamoDbThreadStore(dynamo, config.stateTableName(), clock, dynamoDbAnswer),
                    slack, log, System::currentTimeMillis, millis -> { }, () -> "priming-claim");
        };
        NotifierService service = new NotifierService(primed, new CodePipelineExecutions(codePipeline, executionAnswer), state,
                output, new GitHubCommitStatuses(github, state, config.githubRepository(), config.region(), log), log, clock);

        Invoker invoke = new Invoker(new SlackNotifierHandler(reader, service, log, owner), slack, logger);
        invoke.expecting("action failure", ACTION_FAILED, new NotifierService.Summary(1, 0, 0, 0));
        invoke.expecting("pipeline failure", PIPELINE_FAILED, new NotifierService.Summary(1, 0, 0, 0));
        // EventBridge delivers at least once: the same failure again finds its mark and is neither posted nor set again.
        table.set(DYNAMODB_SENT_MARK);
        invoke.expecting("pipeline failure delivered again", PIPELINE_FAILED, new NotifierService.Summary(0, 0, 0, 1));
        table.set(DYNAMODB_EMPTY);
        invoke.expecting("pipeline resume", PIPELINE_RESUMED, new NotifierService.Summary(0, 1, 0, 0));
        invoke.expecting("gate verdict", sns("00000000-0000-0000-0000-000000000013", VERDICT), new NotifierService.Summary(1, 0, 0, 0));
        invoke.expecting("alarm", sns("00000000-0000-0000-0000-000000000014", ALARM), new NotifierService.Summary(1, 0, 0, 0));

        List<String> expectedStatuses = List.of(CommitStatus.PIPELINE + " " + CommitStatus.FAILURE + " " + COMMIT,
                CommitStatus.PIPELINE + " " + CommitStatus.PENDING + " " + COMMIT,
                CommitStatus.SECURITY_GATE + " " + CommitStatus.FAILURE + " " + COMMIT);
        if (!github.statuses().equals(expectedStatuses)) {
            throw new IllegalStateException("priming expected the commit statuses " + expectedStatuses + " but got " + github.statuses());
        }
        if (slack.posts().stream().noneMatch(post -> post.contains(COMMIT.substring(0, 7)))) {
            throw new IllegalStateException("priming: no Slack message names the commit of the answered execution lookup");
        }
        if (codePipelineCalls.get() == 0 || dynamoDbCalls.get() == 0) {
            throw new IllegalStateException("priming made " + codePipelineCalls.get() + " execution lookups and " + dynamoDbCalls.get()
                    + " state table calls; a real failure makes both");
        }
        return new Primed(6, slack.posts().size(), github.statuses().size(), dynamoDbCalls.get(), codePipelineCalls.get());
    }

    /**
     * Answers come only from clients made dry-run capable ({@link SdkDryRun#enable}, as {@code AwsClients} makes every
     * client); on any other client the synthetic events' calls would reach AWS. A marked call is stopped only there.
     */
    private void requireDryRunCapableClients() {
        int stopped = SdkDryRun.stopped(() -> dynamo.getItem(r -> r.tableName(config.stateTableName())
                .key(Map.of("pipeline", AttributeValue.fromS("dry-run"))).overrideConfiguration(SdkDryRun::mark)))
                + SdkDryRun.stopped(() -> codePipeline.getPipelineExecution(r -> r.pipelineName("dry-run")
                .pipelineExecutionId(EXECUTION).overrideConfiguration(SdkDryRun::mark)));
        if (stopped != 2) {
            throw new IllegalStateException("priming: the DynamoDB and CodePipeline clients are not both dry-run capable "
                    + "(SdkDryRun.enable); the synthetic events' calls would reach AWS");
        }
    }

    /**
     * Runs one synthetic event through the handler as the runtime calls it (reflectively: the method accessor the
     * runtime's call needs is made here, not on the first request) and checks that it ended as a real one would.
     */
    private record Invoker(SlackNotifierHandler handler, StandInSlack slack, PrimingLog logger) {

        void expecting(String what, String event, NotifierService.Summary expected) {
            int postsBefore = slack.posts().size();
            NotifierService.Summary summary;
            try {
                JsonNode written = JsonTree.parse(RuntimeCall.handle(handler, event.getBytes(StandardCharsets.UTF_8),
                        new PrimingContext("00000000-0000-0000-0000-000000000000", "slack-notifier", 60_000, logger)));
                summary = new NotifierService.Summary(written.path("sent").asInt(), written.path("filtered").asInt(),
                        written.path("skipped").asInt(), written.path("duplicates").asInt());
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("priming's synthetic " + what + " failed" + logger.describe(), e.getCause());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!summary.equals(expected)) {
                throw new IllegalStateException("priming's synthetic " + what + " ended as " + summary + ", expected " + expected
                        + logger.describe());
            }
            if (logger.hasProblems()) {
                throw new IllegalStateException("priming's synthetic " + what + " logged a degraded step (a real one would too)"
                        + logger.describe());
            }
            if (expected.sent() > 0 && slack.posts().size() == postsBefore) {
                throw new IllegalStateException("priming's synthetic " + what + " was counted as sent, but nothing reached the Slack stand-in");
            }
            if (expected.duplicates() > 0 && slack.posts().size() != postsBefore) {
                throw new IllegalStateException("priming's synthetic " + what + " was a duplicate, but was posted to the Slack stand-in again");
            }
        }
    }

    private static String sns(String messageId, String message) {
        ObjectNode sns = JsonNodeFactory.instance.objectNode();
        sns.putArray("Records").addObject().put("EventSource", "aws:sns").putObject("Sns").put("MessageId", messageId)
                .put("Timestamp", "2026-01-01T00:10:00.000Z").put("Message", message);
        return JsonTree.write(sns);
    }

    /** Stand-in for Slack (the incoming webhook and the Web API): keeps every payload, sends nothing. */
    static final class StandInSlack implements SlackClient, SlackChat {
        private final List<String> posts = new ArrayList<>();

        @Override
        public void send(String payloadJson, LongSupplier remainingMillis) {
            posts.add(payloadJson);
        }

        @Override
        public String post(ObjectNode message, String threadTs, boolean broadcast, LongSupplier remainingMillis) {
            posts.add(JsonTree.write(message));
            return "1700000000." + (100_000 + posts.size());
        }

        /** An update is kept as a post too: the parent message shown again. */
        @Override
        public void update(String ts, ObjectNode message, LongSupplier remainingMillis) {
            posts.add(JsonTree.write(message));
        }

        List<String> posts() {
            return posts;
        }
    }

    /** Stand-in for GitHub's commit status API: keeps {@code <context> <state> <sha>} of every status, sends nothing. */
    static final class StandInGitHub implements GitHubStatusClient {
        private final List<String> statuses = new ArrayList<>();

        @Override
        public void create(String repository, String sha, CommitStatus status, LongSupplier remainingMillis) {
            statuses.add(status.context() + " " + status.state() + " " + sha);
        }

        List<String> statuses() {
            return statuses;
        }
    }
}
