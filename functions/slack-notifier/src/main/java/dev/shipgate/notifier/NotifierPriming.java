package dev.shipgate.notifier;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.notifier.event.AlarmNotification;
import dev.shipgate.notifier.event.Commit;
import dev.shipgate.notifier.event.EventReader;
import dev.shipgate.notifier.event.GateVerdict;
import dev.shipgate.notifier.event.Incoming;
import dev.shipgate.notifier.event.Kind;
import dev.shipgate.notifier.event.PipelineEvent;
import dev.shipgate.notifier.github.CommitStatusPriming;
import dev.shipgate.notifier.message.AlarmRenderer;
import dev.shipgate.notifier.message.MessageRenderer;
import dev.shipgate.notifier.message.Notification;
import dev.shipgate.notifier.thread.ExecutionView;
import dev.shipgate.notifier.thread.ParentRenderer;
import dev.shipgate.shared.init.ClassPreloader;
import dev.shipgate.shared.init.RuntimeInvokePath;
import dev.shipgate.shared.json.JsonTree;
import dev.shipgate.shared.log.JsonLog;
import org.crac.Context;
import org.crac.Resource;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * SnapStart priming: before the snapshot, reads a synthetic EventBridge failure and an SNS-wrapped gate
 * verdict, renders both and the thread parent they make (stored and read back as the thread item is), reads and
 * renders an SNS-wrapped CloudWatch alarm, then dry-runs the SDK calls of an invocation
 * ({@link dev.shipgate.notifier.aws.DryRun}), so parsing, rendering and SDK request paths are loaded and warm in the
 * snapshot.
 * No network, no state, nothing sent.
 */
final class NotifierPriming implements Resource {

    private static final String ACTION_FAILED = """
            {"version":"0","id":"00000000-0000-0000-0000-000000000000","detail-type":"CodePipeline Action Execution State Change",
             "source":"aws.codepipeline","account":"000000000000","time":"2026-01-01T00:05:00Z","region":"us-east-1",
             "resources":["arn:aws:codepipeline:us-east-1:000000000000:priming"],
             "detail":{"pipeline":"priming","execution-id":"00000000-0000-0000-0000-000000000001","start-time":"2026-01-01T00:00:00.000Z",
              "stage":"Build","action":"Build","state":"FAILED","region":"us-east-1","version":1.0,"pipeline-execution-attempt":1.0,
              "type":{"owner":"AWS","provider":"CodeBuild","category":"Build","version":"1"},
              "execution-trigger":{"trigger-type":"WebhookV2","commit-id":"0123456789abcdef0123456789abcdef01234567",
               "commit-message":"priming <&>","author-display-name":"priming","branch-name":"main"},
              "execution-result":{"external-execution-summary":"Build failed","error-code":"JobFailed",
               "external-execution-id":"priming:00000000-0000-0000-0000-000000000002"}}}""";
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

    private final EventReader reader;
    private final NotifierConfig config;
    private final JsonLog log;
    private final MessageRenderer renderer = new MessageRenderer();
    private final AlarmRenderer alarmRenderer = new AlarmRenderer();
    private final ParentRenderer parents = new ParentRenderer();
    private final IntSupplier sdkDryRuns;
    private final Runnable afterRestore;
    private int commitStatusesRendered;

    /**
     * @param sdkDryRuns   runs the invocation's SDK calls as dry runs on the real clients; returns how many stopped,
     *                     which must be {@link #SDK_DRY_RUNS}
     * @param afterRestore forgets what must not be trusted after a restore (the secrets) and starts reading them again
     *                     in the background; returns at once
     */
    NotifierPriming(EventReader reader, NotifierConfig config, JsonLog log, IntSupplier sdkDryRuns, Runnable afterRestore) {
        this.reader = reader;
        this.config = config;
        this.log = log;
        this.sdkDryRuns = sdkDryRuns;
        this.afterRestore = afterRestore;
    }

    /** DynamoDB GetItem, PutItem and UpdateItem, CodePipeline GetPipelineExecution. */
    static final int SDK_DRY_RUNS = 4;
    /** The action failure and the verdict as messages, and the execution's thread parent (Web API mode). */
    private static final int MESSAGES = 4;

    /** Fails the checkpoint when any step primed nothing: a snapshot that is not primed must not be published. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        int preloaded = ClassPreloader.loadAll(NotifierPriming.class);
        if (preloaded == 0) {
            throw new IllegalStateException("priming loaded no class: " + ClassPreloader.LIST + " is missing or stale");
        }
        int rendered = prime().size();
        if (rendered != MESSAGES) {
            throw new IllegalStateException("priming rendered " + rendered + " of " + MESSAGES + " messages");
        }
        int stopped = sdkDryRuns.getAsInt();
        if (stopped != SDK_DRY_RUNS) {
            throw new IllegalStateException("priming stopped " + stopped + " of " + SDK_DRY_RUNS + " SDK dry runs before sending");
        }
        int runtimeCalls = RuntimeInvokePath.prime();
        try {
            // Slack is reached over the JDK's own TLS context (the SDK clients have their own): set it up now.
            SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context for Slack", e);
        }
        log.info("snapstart-priming", Map.of("classesPreloaded", preloaded, "messagesRendered", rendered,
                "commitStatusesRendered", commitStatusesRendered, "sdkCallsStoppedBeforeSending", stopped,
                "runtimeInvokePathPrimed", runtimeCalls));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        afterRestore.run();
    }

    /** Renders the synthetic events; returns the payloads (for the test that checks priming sends nothing). */
    List<String> prime() {
        try {
            List<Incoming> events = new ArrayList<>(reader.read(JsonTree.parse(ACTION_FAILED)));
            ObjectNode sns = JsonNodeFactory.instance.objectNode();
            sns.putArray("Records").addObject().putObject("Sns").put("Message", VERDICT);
            events.addAll(reader.read(JsonTree.parse(JsonTree.write(sns))));
            List<String> payloads = new ArrayList<>();
            ExecutionView thread = null;
            commitStatusesRendered = 0;
            for (Incoming event : events) {
                Notification n = switch (event) {
                    case PipelineEvent e -> new Notification(e.kind(), e.state(), false, config.projectName(), e.pipeline(),
                            e.executionId(), e.region(), e.stage(), e.action(), e.trigger(), config.githubRepository(), null,
                            Duration.ofMinutes(5), e.triggerType(), null, e.attempt(), null, "<@U000PRIMING>", e.time());
                    case GateVerdict v -> new Notification(Kind.GATE, v.verdict(), false, config.projectName(), v.pipeline(),
                            v.executionId(), config.region(), null, null, Commit.NONE, config.githubRepository(), null, null, null,
                            null, 1, v, null, v.time());
                    case AlarmNotification a -> throw new IllegalStateException("priming read an alarm among pipeline events");
                    case Incoming.Unrecognized u -> throw new IllegalStateException("priming event not recognized: " + u.reason());
                };
                payloads.add(JsonTree.write(renderer.render(n).toJson()));
                thread = thread == null ? ExecutionView.of(n) : thread.with(n);
                commitStatusesRendered += CommitStatusPriming.render(event, config.region());
            }
            payloads.add(JsonTree.write(parents.render(ExecutionView.fromJson(thread.toJson())).toJson()));
            ObjectNode alarmSns = JsonNodeFactory.instance.objectNode();
            alarmSns.putArray("Records").addObject().putObject("Sns").put("MessageId", "00000000-0000-0000-0000-000000000003")
                    .put("Timestamp", "2026-01-01T00:10:00.000Z").put("Message", ALARM);
            if (!(reader.read(JsonTree.parse(JsonTree.write(alarmSns))).get(0) instanceof AlarmNotification alarm)) {
                throw new IllegalStateException("priming alarm not recognized");
            }
            payloads.add(JsonTree.write(alarmRenderer.render(alarm, config.projectName(), config.region(), "<@U000PRIMING>").toJson()));
            return payloads;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
