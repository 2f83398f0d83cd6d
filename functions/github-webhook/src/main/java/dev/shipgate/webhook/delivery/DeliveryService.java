package dev.shipgate.webhook.delivery;

import dev.shipgate.webhook.delivery.DeliveryLedger.Claim;
import dev.shipgate.webhook.delivery.DeliveryLedger.LedgerUnavailable;
import dev.shipgate.webhook.github.DeliveryBody;
import dev.shipgate.webhook.github.InvalidPayloadException;
import dev.shipgate.webhook.github.Payloads;
import dev.shipgate.webhook.github.PingEvent;
import dev.shipgate.webhook.github.PushEvent;
import dev.shipgate.webhook.github.RefPatterns;
import dev.shipgate.webhook.github.SkipMarkers;
import dev.shipgate.shared.secret.SecretCache;
import dev.shipgate.webhook.signature.SignatureVerifier;
import dev.shipgate.webhook.signature.WebhookSecret;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Decides what one GitHub delivery means and acts on it: signature first, then headers, content
 * type, payload, and only then the pipeline. Holds no Lambda or SDK types.
 */
public final class DeliveryService {

    static final long DEDUPE_TTL_SECONDS = 7 * 24 * 3600;
    /** Time kept back from the start retries for recording the execution id (one bounded DynamoDB call). */
    static final long RECORD_RESERVE_MILLIS = 1_000;
    /** GitHub sends a GUID; no ':' so that a delivery id can never name a body record ({@code sha256:<digest>}). */
    private static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /** Which pushes start the pipeline, and which pipeline. */
    public record Rules(String repository, RefPatterns branches, RefPatterns tags, String pipelineName, String sourceActionName) {
    }

    private final Rules rules;
    private final SecretCache<WebhookSecret> secrets;
    private final DeliveryLedger ledger;
    private final StartRetry starts;
    private final LongSupplier epochSeconds;

    public DeliveryService(Rules rules, SecretCache<WebhookSecret> secrets, DeliveryLedger ledger, StartRetry starts, LongSupplier epochSeconds) {
        this.rules = rules;
        this.secrets = secrets;
        this.ledger = ledger;
        this.starts = starts;
        this.epochSeconds = epochSeconds;
    }

    /** @param deadlineMillis when the answer must be ready, on the clock {@code starts} uses */
    public Outcome handle(WebhookRequest request, long deadlineMillis) {
        Answer answer = new Answer(request.header("x-github-event"), request.header("x-github-delivery"));

        String signatureProblem = verify(request, answer);
        if (signatureProblem != null) {
            return answer.finish(Decision.REJECTED, Map.of("error", signatureProblem));
        }
        if (answer.event == null) {
            return answer.error(Decision.BAD_REQUEST, "the X-GitHub-Event header is missing");
        }
        if (answer.deliveryId == null) {
            return answer.error(Decision.BAD_REQUEST, "the X-GitHub-Delivery header is missing");
        }
        if (!DELIVERY_ID.matcher(answer.deliveryId).matches()) {
            return answer.error(Decision.BAD_REQUEST, "the X-GitHub-Delivery header must be 1-128 letters, digits, '-', '.' or '_' (GitHub sends a GUID)");
        }

        String mediaType = DeliveryBody.mediaType(request.header("content-type"));
        if (!DeliveryBody.supports(mediaType)) {
            return answer.error(Decision.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + (mediaType == null ? "(none)" : "'" + mediaType + "'")
                    + " is not supported: set the webhook's content type to application/json");
        }
        try {
            byte[] payload = DeliveryBody.payload(mediaType, request.body());
            return switch (answer.event) {
                case "ping" -> pong(Payloads.ping(payload), mediaType, answer);
                case "push" -> push(Payloads.push(payload), request.body(), answer, deadlineMillis);
                default -> {
                    Payloads.validate(payload);
                    yield answer.finish(Decision.IGNORED, Map.of("status", "ignored",
                            "message", "event '" + answer.event + "' does not start the pipeline"));
                }
            };
        } catch (InvalidPayloadException e) {
            return answer.error(Decision.BAD_REQUEST, e.getMessage());
        }
    }

    private String verify(WebhookRequest request, Answer answer) {
        String header = request.header("x-hub-signature-256");
        SignatureVerifier.Result result = SignatureVerifier.verify(header, request.body(), secrets.current());
        if (result == SignatureVerifier.Result.MISMATCH) {
            try {
                Optional<?> reread = secrets.refresh();
                if (reread.isPresent()) {
                    result = SignatureVerifier.verify(header, request.body(), secrets.current());
                }
            } catch (RuntimeException e) {
                answer.warnings.add("re-reading the webhook secret failed: " + e.getClass().getSimpleName());
            }
        }
        return switch (result) {
            case VALID -> null;
            case MISSING -> "the X-Hub-Signature-256 header is missing: set a secret on the webhook";
            case MALFORMED -> "the X-Hub-Signature-256 header is not sha256=<64 hex digits>";
            case MISMATCH -> "the signature does not match the payload and the configured secret: check that the hook's secret is the stack's webhook secret";
        };
    }

    private Outcome pong(PingEvent ping, String mediaType, Answer answer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "pong");
        if (ping.hookId() != null) {
            body.put("hookId", ping.hookId());
        }
        String target = ping.repository() != null ? ping.repository() : ping.organization();
        if (target != null) {
            body.put("hookFor", target);
        }
        body.put("events", ping.events());
        body.put("configuredRepository", rules.repository());
        body.put("configuredBranches", rules.branches().toString());
        if (!rules.tags().isEmpty()) {
            body.put("configuredTags", rules.tags().toString());
        }
        if (DeliveryBody.FORM.equals(mediaType) || "form".equals(ping.contentType())) {
            answer.warnings.add("the webhook sends form-encoded payloads; it works, but application/json is recommended");
        }
        if (!ping.events().isEmpty() && !ping.events().contains("push") && !ping.events().contains("*")) {
            answer.warnings.add("the webhook is not subscribed to push events, so it will never start the pipeline");
        }
        if (ping.repository() != null && !ping.repository().equalsIgnoreCase(rules.repository())) {
            answer.warnings.add("the webhook belongs to " + ping.repository() + " but this endpoint serves " + rules.repository());
        }
        if (!answer.warnings.isEmpty()) {
            body.put("warnings", List.copyOf(answer.warnings));
        }
        return answer.finish(Decision.PONG, body);
    }

    private Outcome push(PushEvent push, byte[] signedBody, Answer answer, long deadlineMillis) {
        answer.ref = push.ref();
        Optional<String> skip = skipReason(push);
        if (skip.isPresent()) {
            return answer.finish(Decision.SKIPPED, Map.of("status", "skipped", "reason", skip.get()));
        }
        PipelineStart command = PipelineStart.forPush(rules.pipelineName(), rules.sourceActionName(), push, answer.deliveryId);

        Claim claim;
        try {
            claim = ledger.claim(answer.deliveryId, sha256Hex(signedBody), command.commitId(), epochSeconds.getAsLong() + DEDUPE_TTL_SECONDS);
        } catch (LedgerUnavailable e) {
            return answer.error(Decision.UNAVAILABLE, "the delivery record store is unavailable; redeliver this event in a minute");
        }
        if (claim.bodyDiffers()) {
            // Not a redelivery (other bytes) and not a replay: a new push under a used id would otherwise be lost.
            answer.warnings.add("delivery id already recorded with another payload; refused");
            return answer.error(Decision.CONFLICT, "delivery " + answer.deliveryId + " was already received with another payload;"
                    + " not starting: send this push under its own X-GitHub-Delivery id");
        }
        if (claim.replayOf() != null) {
            // X-GitHub-Delivery is not signed: the same signed bytes under another id are a replay, never a new push.
            answer.executionId = claim.executionId();
            Map<String, Object> replay = new LinkedHashMap<>();
            replay.put("status", "already-started");
            if (claim.executionId() != null) {
                replay.put("executionId", claim.executionId());
            }
            replay.put("message", "this exact payload was already delivered as " + claim.replayOf() + "; not starting again");
            return answer.finish(Decision.ALREADY_STARTED, replay);
        }
        if (claim.executionId() != null) {
            answer.executionId = claim.executionId();
            return answer.finish(Decision.ALREADY_STARTED, Map.of("status", "already-started", "executionId", claim.executionId(),
                    "message", "delivery " + answer.deliveryId + " already started this execution; not starting again"));
        }
        if (!claim.fresh()) {
            // Claimed before without a recorded execution: a concurrent copy of this delivery, or an attempt that
            // crashed or gave up. Starting again is safe: the same client request token returns the same execution.
            answer.warnings.add("delivery was claimed before without a recorded execution; starting with the same request token");
        }
        String executionId;
        try {
            executionId = starts.start(command, deadlineMillis - RECORD_RESERVE_MILLIS).executionId();
        } catch (StartRetry.GaveUp e) {
            PipelineStarter.StartFailure last = e.last();
            if (last.retryable()) {
                return answer.error(Decision.UNAVAILABLE, "CodePipeline is throttling or failing (" + last.code() + " after "
                        + e.attempts() + " attempts); redeliver this event later");
            }
            return answer.error(Decision.FAILED, "CodePipeline refused to start pipeline " + rules.pipelineName() + " ("
                    + last.code() + "): check the pipeline name, its source action and the function's permissions");
        }
        answer.executionId = executionId;
        try {
            ledger.recordStarted(answer.deliveryId, executionId);
        } catch (LedgerUnavailable e) {
            // The run is started; a redelivery would find an unfinished claim and get the same execution back by token.
            answer.warnings.add("started, but recording the execution id failed: " + e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "started");
        body.put("executionId", executionId);
        body.put("pipeline", rules.pipelineName());
        body.put("commit", command.commitId());
        return answer.finish(Decision.STARTED, body);
    }

    private Optional<String> skipReason(PushEvent push) {
        if (push.repository() == null || !push.repository().equalsIgnoreCase(rules.repository())) {
            return Optional.of("repository " + push.repository() + " is not " + rules.repository());
        }
        String kind = push.isTag() ? "tag" : push.isBranch() ? "branch" : null;
        if (kind == null) {
            return Optional.of("ref " + push.ref() + " is neither a branch nor a tag");
        }
        if (push.isDeletion()) {
            return Optional.of(kind + " " + push.refName() + " was deleted");
        }
        RefPatterns patterns = push.isTag() ? rules.tags() : rules.branches();
        if (!patterns.matches(push.refName())) {
            return Optional.of(patterns.isEmpty()
                    ? "tag " + push.refName() + ": no tag pattern is configured"
                    : kind + " " + push.refName() + " does not match " + patterns);
        }
        if (push.headCommitId() == null) {
            return Optional.of("the push has no head commit to build");
        }
        return SkipMarkers.find(push.headCommitMessage()).map(marker -> "the head commit message contains " + marker);
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Collects what is known about the delivery as the checks go, and builds the outcome. */
    private static final class Answer {
        final String event;
        final String deliveryId;
        final List<String> warnings = new ArrayList<>();
        String ref;
        String executionId;

        Answer(String event, String deliveryId) {
            this.event = event;
            this.deliveryId = deliveryId;
        }

        Outcome error(Decision decision, String message) {
            return finish(decision, Map.of("error", message));
        }

        Outcome finish(Decision decision, Map<String, Object> body) {
            Map<String, Object> withId = new LinkedHashMap<>(body);
            if (deliveryId != null && decision != Decision.REJECTED) {
                withId.putIfAbsent("deliveryId", deliveryId);
            }
            return new Outcome(decision, withId, event, deliveryId, ref, executionId, warnings);
        }
    }
}
