package dev.shipgate.notifier.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.shared.json.JsonTree;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Recognizes what the notifier was invoked with: a raw EventBridge CodePipeline event
 * ({@code detail-type}), or an SNS event whose records carry a scan-gate verdict, a CodeStar
 * notification ({@code detailType}) or a CloudWatch alarm state change ({@link AlarmReader}). Anything
 * else comes back as {@link Incoming.Unrecognized} naming its type, so the caller can log and skip it.
 */
public final class EventReader {

    public static final String PIPELINE_EXECUTION = "CodePipeline Pipeline Execution State Change";
    public static final String STAGE_EXECUTION = "CodePipeline Stage Execution State Change";
    public static final String ACTION_EXECUTION = "CodePipeline Action Execution State Change";
    private static final Pattern COMMIT_SHA = Pattern.compile("[0-9a-f]{40}");

    public List<Incoming> read(JsonNode root) {
        if (root == null || !root.isObject()) {
            return List.of(new Incoming.Unrecognized(root == null ? "empty" : root.getNodeType().name().toLowerCase(), "not a JSON object"));
        }
        if (root.path("Records").isArray()) {
            List<Incoming> out = new ArrayList<>();
            for (JsonNode record : root.path("Records")) {
                out.add(readSnsRecord(record));
            }
            if (out.isEmpty()) {
                out.add(new Incoming.Unrecognized("sns", "no records"));
            }
            return out;
        }
        if (root.has("detail-type")) {
            return List.of(readPipelineEvent(root, text(root, "detail-type"), "eventbridge", null));
        }
        return List.of(new Incoming.Unrecognized(describe(root), "not an EventBridge or SNS event"));
    }

    private Incoming readSnsRecord(JsonNode record) {
        JsonNode sns = record.path("Sns");
        String message = text(sns, "Message");
        if (message == null) {
            String source = firstNonNull(text(record, "EventSource"), text(record, "eventSource"));
            return new Incoming.Unrecognized(clip(source == null ? "record" : source), "record without Sns.Message");
        }
        JsonNode body;
        try {
            body = JsonTree.parse(message);
        } catch (java.io.IOException e) {
            return new Incoming.Unrecognized("sns:text", "message is not JSON");
        }
        if (body == null || !body.isObject()) {
            return new Incoming.Unrecognized("sns:text", "message is not a JSON object");
        }
        if (GateVerdict.TYPE.equals(text(body, "type"))) {
            return readVerdict(body, instant(text(sns, "Timestamp")), text(sns, "MessageId"));
        }
        if (body.has("detailType")) {
            return readPipelineEvent(body, text(body, "detailType"), "codestar", text(sns, "MessageId"));
        }
        if (body.has("detail-type")) {
            return readPipelineEvent(body, text(body, "detail-type"), "eventbridge", text(sns, "MessageId"));
        }
        if (AlarmReader.isAlarm(body)) {
            return AlarmReader.read(body, text(sns, "MessageId"), instant(text(sns, "Timestamp")));
        }
        return new Incoming.Unrecognized("sns:" + describe(body), "unknown message type");
    }

    private Incoming readPipelineEvent(JsonNode event, String detailType, String origin, String messageId) {
        Kind kind = switch (String.valueOf(detailType)) {
            case PIPELINE_EXECUTION -> Kind.PIPELINE;
            case STAGE_EXECUTION -> Kind.STAGE;
            case ACTION_EXECUTION -> Kind.ACTION;
            default -> null;
        };
        if (kind == null) {
            return new Incoming.Unrecognized(clip(String.valueOf(detailType)), "detail type not handled");
        }
        JsonNode detail = event.path("detail");
        String pipeline = text(detail, "pipeline");
        String executionId = text(detail, "execution-id");
        String state = text(detail, "state");
        if (pipeline == null || executionId == null || state == null) {
            return new Incoming.Unrecognized(clip(detailType), "detail lacks pipeline, execution-id or state");
        }
        JsonNode trigger = detail.path("execution-trigger");
        JsonNode sourceVariables = additional(event, detail).path("sourceActions").path(0).path("sourceActionVariables");
        ActionInfo action = actionInfo(kind, event, detail);
        Commit commit = new Commit(text(trigger, "commit-id"), text(trigger, "commit-message"),
                text(trigger, "author-display-name"), text(trigger, "branch-name"), text(trigger, "tag-name"), null)
                .orElse(new Commit(text(sourceVariables, "CommitId"), null, null, text(sourceVariables, "BranchName"), null, null))
                .orElse(sourceRevision(action));
        return new PipelineEvent(kind, origin, pipeline, executionId, state.toUpperCase(java.util.Locale.ROOT),
                text(detail, "stage"), firstNonNull(text(detail, "region"), text(event, "region")),
                instant(text(event, "time")), instant(text(detail, "start-time")),
                commit, text(trigger, "trigger-type"), text(trigger, "trigger-detail"),
                action, text(detail, "stop-execution-comments"),
                (int) detail.path("pipeline-execution-attempt").asDouble(1),
                firstNonNull(text(event, "id"), messageId));
    }

    private static ActionInfo actionInfo(Kind kind, JsonNode event, JsonNode detail) {
        if (kind == Kind.ACTION) {
            JsonNode result = detail.path("execution-result");
            JsonNode type = detail.path("type");
            String summary = readableSummary(text(result, "external-execution-summary"));
            if (summary == null) {
                summary = text(additional(event, detail), "additionalInformation");
            }
            return new ActionInfo(text(detail, "stage"), text(detail, "action"), text(type, "provider"), text(type, "category"),
                    summary, text(result, "external-execution-id"), text(result, "external-execution-url"), text(result, "error-code"));
        }
        // CodeStar notifications of a failed pipeline or stage name the failed stage and actions.
        JsonNode additional = additional(event, detail);
        JsonNode failedActions = additional.path("failedActions");
        String failedStage = text(additional, "failedStage");
        if (failedStage == null && failedActions.isEmpty()) {
            return null;
        }
        JsonNode first = failedActions.path(0);
        return new ActionInfo(firstNonNull(failedStage, text(detail, "stage")), text(first, "action"), null, null,
                text(first, "additionalInformation"), null, null, null);
    }

    /**
     * A source action over a CodeConnections connection reports its summary as JSON inside the string
     * ({@code {"ProviderType":"GitHub","CommitMessage":"..."}}): the commit message is what a person reads.
     */
    private static String readableSummary(String summary) {
        if (summary == null || !summary.startsWith("{")) {
            return summary;
        }
        try {
            JsonNode json = JsonTree.parse(summary);
            String message = json != null && json.isObject() ? text(json, "CommitMessage") : null;
            return message != null ? message : summary;
        } catch (java.io.IOException notJson) {
            return summary;
        }
    }

    /** What a finished source action tells about the commit: its external execution id is the revision. */
    private static Commit sourceRevision(ActionInfo action) {
        if (action == null || !"Source".equals(action.category()) || action.externalId() == null
                || !COMMIT_SHA.matcher(action.externalId()).matches()) {
            return Commit.NONE;
        }
        return new Commit(action.externalId(), action.summary(), null, null, null, null);
    }

    private static JsonNode additional(JsonNode event, JsonNode detail) {
        JsonNode top = event.path("additionalAttributes");
        return top.isObject() ? top : detail.path("additionalAttributes");
    }

    private static Incoming readVerdict(JsonNode body, Instant time, String messageId) {
        String verdict = text(body, "verdict");
        if (verdict == null || !Kind.GATE.states().contains(verdict)) {
            return new Incoming.Unrecognized(GateVerdict.TYPE, "verdict missing or not one of " + Kind.GATE.states());
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        body.path("counts").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asInt()));
        List<Finding> blocking = new ArrayList<>();
        for (JsonNode f : body.path("blocking")) {
            blocking.add(new Finding(text(f, "id"), text(f, "severity"), text(f, "package"), text(f, "version"),
                    text(f, "fixedIn"), f.path("cvss").isNumber() ? f.path("cvss").asDouble() : null, text(f, "uri")));
        }
        return new GateVerdict(text(body, "pipelineName"), text(body, "pipelineExecutionId"), text(body, "repository"),
                text(body, "imageDigest"), text(body, "imageTag"), text(body, "scanSource"), verdict, text(body, "summary"),
                counts, body.path("blockingCount").asInt(blocking.size()), blocking,
                strings(body.path("expiredExceptions")), strings(body.path("unusedExceptions")), strings(body.path("expiringSoon")),
                time, messageId, httpsUrl(text(body, "reportUrl")));
    }

    /**
     * The URL when it is an absolute https URL of an S3 object page in the AWS console (what the gate writes), with
     * no user info, that can be put in a Slack link ({@code <url|label>}) as it is; anything else is dropped, so a
     * verdict published by someone else to the topic cannot smuggle markup, another scheme or another site into the
     * bot's message.
     */
    static String httpsUrl(String value) {
        if (value == null || value.length() > MAX_URL || !SAFE_URL.matcher(value).matches()) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String host = uri.getHost();
            boolean console = host != null && (host.equals("console.aws.amazon.com") || host.endsWith(".console.aws.amazon.com"));
            return "https".equals(uri.getScheme()) && console && uri.getRawUserInfo() == null && uri.getPort() == -1
                    && uri.getRawPath() != null && uri.getRawPath().startsWith("/s3/object/") ? value : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static final int MAX_URL = 2000;
    /** URL characters (RFC 3986) without the ones that end or split a Slack link. */
    private static final Pattern SAFE_URL = Pattern.compile("https://[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]+");

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            if (item.isTextual()) {
                out.add(item.asText());
            }
        }
        return out;
    }

    /** A short, payload-free description of an unknown JSON object: its source or type field, else its first keys. */
    private static String describe(JsonNode node) {
        for (String field : new String[] {"source", "type", "eventType", "detailType"}) {
            String value = text(node, field);
            if (value != null) {
                return clip(field + "=" + value);
            }
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (keys.size() < 5) {
                keys.add(k);
            }
        });
        return clip("keys=" + keys);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            String text = value.asText();
            return text.isBlank() ? null : text;
        }
        return null;
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String clip(String value) {
        String safe = value.replaceAll("[^\\x20-\\x7E]", "?");
        return safe.length() <= 80 ? safe : safe.substring(0, 80) + "...";
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
