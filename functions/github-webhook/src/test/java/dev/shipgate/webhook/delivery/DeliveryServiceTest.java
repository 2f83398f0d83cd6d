package dev.shipgate.webhook.delivery;

import dev.shipgate.webhook.delivery.PipelineStarter.StartFailure;
import dev.shipgate.webhook.github.RefPatterns;
import dev.shipgate.shared.secret.SecretCache;
import dev.shipgate.webhook.signature.SignatureVerifier;
import dev.shipgate.webhook.signature.WebhookSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Every row of the behaviour table, against in-memory ledger and starter (no AWS, no Lambda). */
class DeliveryServiceTest {

    static final String SECRET = "unit-test-secret";
    static final String REPO = "octo-org/hello-shipgate";
    static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    static final String DELIVERY = "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c01";

    private final AtomicLong clock = new AtomicLong(10_000);
    private final RecordingStarter starter = new RecordingStarter();
    private final MemoryLedger ledger = new MemoryLedger();
    private String storedSecret = SECRET;

    private DeliveryService service() {
        Supplier<String> secrets = () -> storedSecret;
        return new DeliveryService(
                new DeliveryService.Rules(REPO, RefPatterns.parse("main,release/**"), RefPatterns.parse("v*"), "shop-pipeline", "Source"),
                new SecretCache<>(() -> WebhookSecret.parse(secrets.get()), clock::get, 60_000, Long.MAX_VALUE), ledger,
                new StartRetry(starter, StartRetry.Policy.DEFAULT, clock::get, clock::addAndGet, c -> c),
                () -> 1_764_280_800L);
    }

    static String push(String ref, String after, String headId, String message, String repository, boolean deleted) {
        String head = headId == null ? "null" : """
                {"id":"%s","message":"%s","author":{"name":"Mona Lisa","username":"monalisa"}}""".formatted(headId, message);
        return """
                {"ref":"%s","before":"e3a7c7f1a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6","after":"%s","deleted":%s,
                 "compare":"https://github.com/%s/compare/e3a7c7f1a1c2...6dcb09b5b578","head_commit":%s,
                 "repository":{"full_name":"%s"}}""".formatted(ref, after, deleted, repository, head, repository);
    }

    static String mainPush(String message) {
        return push("refs/heads/main", SHA, SHA, message, REPO, false);
    }

    static WebhookRequest signed(String event, String delivery, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        if (event != null) {
            headers.put("x-github-event", event);
        }
        if (delivery != null) {
            headers.put("x-github-delivery", delivery);
        }
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        headers.put("x-hub-signature-256", SignatureVerifier.sign(SECRET, bytes));
        return new WebhookRequest(headers, bytes);
    }

    private Outcome handle(WebhookRequest request) {
        return service().handle(request, clock.get() + 7_000);
    }

    @Test
    void handle_signatureMissing_401AndNothingElseLooked() {
        WebhookRequest request = new WebhookRequest(Map.of("content-type", "text/plain"), "not json".getBytes());

        Outcome outcome = handle(request);

        assertThat(outcome.status()).isEqualTo(401);
        assertThat(outcome.body()).containsEntry("error", "the X-Hub-Signature-256 header is missing: set a secret on the webhook");
        assertThat(starter.calls).isEmpty();
    }

    @Test
    void handle_signatureMalformed_401() {
        WebhookRequest request = new WebhookRequest(Map.of("x-hub-signature-256", "sha1=abc", "x-github-event", "push"), "{}".getBytes());

        assertThat(handle(request).status()).isEqualTo(401);
    }

    @Test
    void handle_signatureWrong_401EvenWhenHeadersAreMissing() {
        WebhookRequest good = signed(null, null, "application/json", mainPush("m"));
        Map<String, String> headers = new HashMap<>(good.headers());
        headers.put("x-hub-signature-256", SignatureVerifier.sign("wrong", good.body()));

        Outcome outcome = handle(new WebhookRequest(headers, good.body()));

        assertThat(outcome.status()).isEqualTo(401);
        assertThat(outcome.body().get("error").toString()).contains("does not match");
        assertThat(outcome.body()).doesNotContainKey("deliveryId");
    }

    @Test
    void handle_eventHeaderMissing_400() {
        Outcome outcome = handle(signed(null, DELIVERY, "application/json", mainPush("m")));

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.body().get("error").toString()).contains("X-GitHub-Event");
    }

    @Test
    void handle_deliveryIdShapedLikeTheBodyRecordKey_400AndNotStarted() {
        String body = mainPush("m");
        String bodyKey = "sha256:" + sha256(body.getBytes(StandardCharsets.UTF_8));

        Outcome outcome = handle(signed("push", bodyKey, "application/json", body));

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.body().get("error").toString()).contains("X-GitHub-Delivery").contains("letters, digits");
        assertThat(starter.calls).isEmpty();
    }

    @Test
    void handle_knownDeliveryIdWithAnotherBody_409NotStarted_andThatPushStartsUnderItsOwnId() {
        assertThat(handle(signed("push", DELIVERY, "application/json", mainPush("first"))).status()).isEqualTo(202);
        String unseen = mainPush("second");

        Outcome reused = handle(signed("push", DELIVERY, "application/json", unseen));

        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.body().get("error").toString()).contains("another payload").doesNotContain("second");
        assertThat(starter.calls).hasSize(1);

        Outcome own = handle(signed("push", "7a1e9c20-cbd0-11f0-8a1e-6d2b4f1a9c02", "application/json", unseen));
        assertThat(own.decision()).isEqualTo(Decision.STARTED);
        assertThat(starter.calls).hasSize(2);
    }

    @Test
    void handle_deliveryHeaderMissing_400() {
        Outcome outcome = handle(signed("push", null, "application/json", mainPush("m")));

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.body().get("error").toString()).contains("X-GitHub-Delivery");
        assertThat(starter.calls).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"text/plain", "application/xml", "multipart/form-data; boundary=x", "NULL"})
    void handle_unsupportedContentType_415(String contentType) {
        Outcome outcome = handle(signed("push", DELIVERY, contentType, mainPush("m")));

        assertThat(outcome.status()).isEqualTo(415);
        assertThat(outcome.body().get("error").toString()).contains("application/json");
        assertThat(starter.calls).isEmpty();
    }

    @Test
    void handle_contentTypeWithCharset_isJson() {
        assertThat(handle(signed("push", DELIVERY, "Application/JSON; charset=utf-8", mainPush("m"))).status()).isEqualTo(202);
    }

    @Test
    void handle_invalidJson_400() {
        Outcome outcome = handle(signed("push", DELIVERY, "application/json", "{\"ref\":"));

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.body().get("error").toString()).contains("not valid JSON");
        assertThat(starter.calls).isEmpty();
    }

    @Test
    void handle_invalidJsonInIgnoredEvent_400() {
        assertThat(handle(signed("issues", DELIVERY, "application/json", "nope")).status()).isEqualTo(400);
    }

    @Test
    void handle_ping_200WithHookSetup() {
        Outcome outcome = handle(signed("ping", DELIVERY, "application/json", """
                {"zen":"z","hook_id":7,"hook":{"type":"Repository","events":["push"],"config":{"content_type":"json"}},
                 "repository":{"full_name":"octo-org/hello-shipgate"}}"""));

        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.decision()).isEqualTo(Decision.PONG);
        assertThat(outcome.body()).containsEntry("hookFor", REPO).containsEntry("events", List.of("push"))
                .containsEntry("configuredBranches", "main,release/**").doesNotContainKey("warnings");
        assertThat(outcome.warnings()).isEmpty();
        assertThat(starter.calls).isEmpty();
    }

    @Test
    void handle_pingFromFormHook_warns() {
        String json = "{\"hook_id\":7,\"hook\":{\"events\":[\"issues\"],\"config\":{\"content_type\":\"form\"}},\"repository\":{\"full_name\":\"other/repo\"}}";
        Outcome outcome = handle(signed("ping", DELIVERY, "application/x-www-form-urlencoded",
                "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8)));

        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.warnings()).hasSize(3)
                .anySatisfy(w -> assertThat(w).contains("form-encoded"))
                .anySatisfy(w -> assertThat(w).contains("not subscribed to push"))
                .anySatisfy(w -> assertThat(w).contains("other/repo"));
    }

    @Test
    void handle_pushToConfiguredBranch_202StartedOnTheHeadCommit() {
        Outcome outcome = handle(signed("push", DELIVERY, "application/json", mainPush("Fix login\\n\\nbody")));

        assertThat(outcome.status()).isEqualTo(202);
        assertThat(outcome.decision()).isEqualTo(Decision.STARTED);
        assertThat(outcome.body()).containsEntry("status", "started").containsEntry("executionId", "exec-1")
                .containsEntry("commit", SHA).containsEntry("deliveryId", DELIVERY);
        assertThat(starter.calls).singleElement().satisfies(c -> {
            assertThat(c.commitId()).isEqualTo(SHA);
            assertThat(c.clientRequestToken()).isEqualTo(DELIVERY);
            assertThat(c.variables()).containsEntry("COMMIT_MESSAGE", "Fix login").containsEntry("BRANCH", "main");
        });
        assertThat(ledger.items.get(DELIVERY)).isEqualTo("exec-1");
        assertThat(ledger.expiresAt.get(DELIVERY)).isEqualTo(1_764_280_800L + 7 * 24 * 3600);
    }

    @Test
    void handle_pushToGlobBranch_started() {
        Outcome outcome = handle(signed("push", DELIVERY, "application/json",
                push("refs/heads/release/2026/11", SHA, SHA, "m", REPO, false)));

        assertThat(outcome.decision()).isEqualTo(Decision.STARTED);
    }

    @Test
    void handle_matchingTag_startedOnTaggedCommitNotTagObject() {
        String tagObject = "b1f0c5e2d4a3968778695a4b3c2d1e0f9a8b7c6d";
        Outcome outcome = handle(signed("push", DELIVERY, "application/json", push("refs/tags/v1.4.0", tagObject, SHA, "Release", REPO, false)));

        assertThat(outcome.decision()).isEqualTo(Decision.STARTED);
        assertThat(starter.calls.get(0).commitId()).isEqualTo(SHA);
        assertThat(starter.calls.get(0).variables()).containsEntry("TAG", "v1.4.0");
    }

    @Test
    void handle_formEncodedPush_decodedAfterVerificationAndStarted() {
        String form = "payload=" + URLEncoder.encode(mainPush("m"), StandardCharsets.UTF_8);

        Outcome outcome = handle(signed("push", DELIVERY, "application/x-www-form-urlencoded", form));

        assertThat(outcome.decision()).isEqualTo(Decision.STARTED);
    }

    @Test
    void handle_signedJsonResentAsFormSmugglingAPayload_400AndNothingStarts() {
        // A genuine, signed JSON delivery whose head commit message carries a URL-encoded push of another commit.
        String evil = "0123456789abcdef0123456789abcdef01234567";
        String smuggled = URLEncoder.encode(push("refs/heads/main", evil, evil, "evil", REPO, false), StandardCharsets.UTF_8);
        WebhookRequest genuine = signed("push", DELIVERY, "application/json", mainPush("Fix typo&payload=" + smuggled + "&"));
        Map<String, String> headers = new HashMap<>(genuine.headers());
        headers.put("content-type", "application/x-www-form-urlencoded");
        headers.put("x-github-delivery", "6f1d4e51-dce1-11f0-9b2f-7e3c5a2b0d12");

        Outcome outcome = handle(new WebhookRequest(headers, genuine.body()));

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.body().get("error").toString()).contains("JSON but was sent as application/x-www-form-urlencoded");
        assertThat(starter.calls).isEmpty();
        assertThat(ledger.expiresAt).isEmpty();
    }

    @Test
    void handle_formBodyWithMoreThanThePayloadField_400() {
        String form = "payload=" + URLEncoder.encode(mainPush("m"), StandardCharsets.UTF_8) + "&extra=1";

        Outcome outcome = handle(signed("push", DELIVERY, "application/x-www-form-urlencoded", form));

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(starter.calls).isEmpty();
    }

    @Test
    void handle_formBodySentAsJson_400() {
        String form = "payload=" + URLEncoder.encode(mainPush("m"), StandardCharsets.UTF_8);

        Outcome outcome = handle(signed("push", DELIVERY, "application/json", form));

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.body().get("error").toString()).contains("form-encoded but was sent as application/json");
        assertThat(starter.calls).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "other branch        | refs/heads/feature/x | " + SHA + " | " + SHA + " | m              | octo-org/hello-shipgate | false | branch feature/x does not match main,release/**",
            "non-matching tag    | refs/tags/nightly-1  | " + SHA + " | " + SHA + " | m              | octo-org/hello-shipgate | false | tag nightly-1 does not match v*",
            "branch deleted      | refs/heads/main      | 0000000000000000000000000000000000000000 | | | octo-org/hello-shipgate | true | branch main was deleted",
            "tag deleted         | refs/tags/v1.0       | 0000000000000000000000000000000000000000 | | | octo-org/hello-shipgate | true | tag v1.0 was deleted",
            "skip ci             | refs/heads/main      | " + SHA + " | " + SHA + " | Docs [skip ci] | octo-org/hello-shipgate | false | the head commit message contains [skip ci]",
            "no ci               | refs/heads/main      | " + SHA + " | " + SHA + " | [no ci] Docs   | octo-org/hello-shipgate | false | the head commit message contains [no ci]",
            "skip-checks trailer | refs/heads/main      | " + SHA + " | " + SHA + " | Docs\\n\\n\\nskip-checks: true | octo-org/hello-shipgate | false | the head commit message contains skip-checks: true",
            "other repository    | refs/heads/main      | " + SHA + " | " + SHA + " | m              | someone/fork            | false | repository someone/fork is not octo-org/hello-shipgate",
            "not branch or tag   | refs/notes/commits   | " + SHA + " | " + SHA + " | m              | octo-org/hello-shipgate | false | ref refs/notes/commits is neither a branch nor a tag"})
    void handle_pushThatMustNotRun_202SkippedWithReason(String scenario, String ref, String after, String headId, String message,
                                                       String repository, boolean deleted, String reason) {
        Outcome outcome = handle(signed("push", DELIVERY, "application/json", push(ref, after, headId, message, repository, deleted)));

        assertThat(outcome.status()).isEqualTo(202);
        assertThat(outcome.decision()).isEqualTo(Decision.SKIPPED);
        assertThat(outcome.body()).containsEntry("status", "skipped").containsEntry("reason", reason);
        assertThat(starter.calls).isEmpty();
        assertThat(ledger.items).isEmpty();
    }

    @Test
    void handle_tagWithoutTagPatternConfigured_skipped() {
        DeliveryService noTags = new DeliveryService(
                new DeliveryService.Rules(REPO, RefPatterns.parse("main"), RefPatterns.parse(""), "p", "Source"),
                new SecretCache<>(() -> WebhookSecret.of(SECRET), clock::get, 60_000, Long.MAX_VALUE), ledger,
                new StartRetry(starter, StartRetry.Policy.DEFAULT, clock::get, clock::addAndGet, c -> c), () -> 0L);

        Outcome outcome = noTags.handle(signed("push", DELIVERY, "application/json", push("refs/tags/v1", SHA, SHA, "m", REPO, false)), clock.get() + 7_000);

        assertThat(outcome.body()).containsEntry("reason", "tag v1: no tag pattern is configured");
    }

    @Test
    void handle_otherEvent_202Ignored() {
        Outcome outcome = handle(signed("issues", DELIVERY, "application/json", "{\"action\":\"opened\"}"));

        assertThat(outcome.status()).isEqualTo(202);
        assertThat(outcome.body()).containsEntry("status", "ignored");
        assertThat(starter.calls).isEmpty();
    }

    @Test
    void handle_codePipelineThrottlesThroughout_503AfterRetries() {
        starter.failures.add(new StartFailure("ThrottlingException", "Rate exceeded", true, null));
        starter.failForever = true;

        Outcome outcome = handle(signed("push", DELIVERY, "application/json", mainPush("m")));

        assertThat(outcome.status()).isEqualTo(503);
        assertThat(outcome.body().get("error").toString()).contains("ThrottlingException").contains("redeliver");
        assertThat(starter.attempts).isGreaterThan(3);
    }

    @Test
    void handle_codePipelineRefuses_500NamingTheErrorCode() {
        starter.failures.add(new StartFailure("PipelineNotFoundException", "account 123456789012 has no pipeline", false, null));

        Outcome outcome = handle(signed("push", DELIVERY, "application/json", mainPush("m")));

        assertThat(outcome.status()).isEqualTo(500);
        assertThat(outcome.body().get("error").toString()).contains("PipelineNotFoundException").doesNotContain("123456789012");
    }

    @Test
    void handle_redelivery_202NamingTheExecutionAlreadyStarted() {
        WebhookRequest request = signed("push", DELIVERY, "application/json", mainPush("m"));
        DeliveryService service = service();
        service.handle(request, clock.get() + 7_000);

        Outcome again = service.handle(request, clock.get() + 7_000);

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.decision()).isEqualTo(Decision.ALREADY_STARTED);
        assertThat(again.body()).containsEntry("executionId", "exec-1");
        assertThat(starter.calls).hasSize(1);
    }

    @Test
    void handle_sameSignedBodyUnderANewDeliveryId_answeredLikeARedeliveryWithoutStarting() {
        WebhookRequest genuine = signed("push", DELIVERY, "application/json", mainPush("m"));
        DeliveryService service = service();
        service.handle(genuine, clock.get() + 7_000);
        Map<String, String> headers = new HashMap<>(genuine.headers());
        headers.put("x-github-delivery", "6f1d4e51-dce1-11f0-9b2f-7e3c5a2b0d12");

        Outcome replay = service.handle(new WebhookRequest(headers, genuine.body()), clock.get() + 7_000);

        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.decision()).isEqualTo(Decision.ALREADY_STARTED);
        assertThat(replay.body()).containsEntry("executionId", "exec-1");
        assertThat(replay.body().get("message").toString()).contains(DELIVERY);
        assertThat(starter.calls).hasSize(1);
    }

    @Test
    void handle_replayWhileTheFirstIsStillStarting_startsNothing() {
        WebhookRequest genuine = signed("push", DELIVERY, "application/json", mainPush("m"));
        ledger.claim(DELIVERY, sha256(genuine.body()), SHA, 1L);
        Map<String, String> headers = new HashMap<>(genuine.headers());
        headers.put("x-github-delivery", "6f1d4e51-dce1-11f0-9b2f-7e3c5a2b0d12");

        Outcome replay = handle(new WebhookRequest(headers, genuine.body()));

        assertThat(replay.decision()).isEqualTo(Decision.ALREADY_STARTED);
        assertThat(replay.body()).doesNotContainKey("executionId");
        assertThat(starter.calls).isEmpty();
    }

    @Test
    void handle_newPushToTheSameCommit_hasAnotherBodyAndStarts() {
        // A rollback by force-push to an old commit: same "after", but GitHub sends a new body (before, forced, ...).
        DeliveryService service = service();
        service.handle(signed("push", DELIVERY, "application/json", mainPush("m")), clock.get() + 7_000);

        Outcome rollback = service.handle(signed("push", "6f1d4e51-dce1-11f0-9b2f-7e3c5a2b0d12", "application/json",
                mainPush("m").replace("\"deleted\":false", "\"deleted\":false,\"forced\":true")), clock.get() + 7_000);

        assertThat(rollback.decision()).isEqualTo(Decision.STARTED);
        assertThat(starter.calls).extracting(PipelineStart::commitId).containsExactly(SHA, SHA);
    }

    @Test
    void handle_claimWithoutRecordedExecution_startsAgainWithTheSameToken() {
        // A previous attempt claimed the delivery and then crashed (or gave up) before recording an execution.
        WebhookRequest request = signed("push", DELIVERY, "application/json", mainPush("m"));
        ledger.claim(DELIVERY, sha256(request.body()), SHA, 1L);

        Outcome outcome = handle(request);

        assertThat(outcome.decision()).isEqualTo(Decision.STARTED);
        assertThat(outcome.warnings()).singleElement().asString().contains("same request token");
        assertThat(starter.calls).singleElement().satisfies(c -> assertThat(c.clientRequestToken()).isEqualTo(DELIVERY));
        assertThat(ledger.items.get(DELIVERY)).isEqualTo("exec-1");
    }

    @Test
    void handle_ledgerUnavailable_503WithoutStarting() {
        ledger.down = true;

        Outcome outcome = handle(signed("push", DELIVERY, "application/json", mainPush("m")));

        assertThat(outcome.status()).isEqualTo(503);
        assertThat(starter.calls).isEmpty();
    }

    @Test
    void handle_secretRotatedAfterInit_rereadOnMissThenVerifies() {
        DeliveryService service = service();
        storedSecret = "rotated-secret";
        byte[] body = mainPush("m").getBytes(StandardCharsets.UTF_8);
        WebhookRequest request = new WebhookRequest(Map.of("x-github-event", "push", "x-github-delivery", DELIVERY,
                "content-type", "application/json", "x-hub-signature-256", SignatureVerifier.sign("rotated-secret", body)), body);

        assertThat(service.handle(request, clock.get() + 7_000).status()).isEqualTo(401); // re-read rate-limited right after init
        clock.addAndGet(60_000);

        assertThat(service.handle(request, clock.get() + 7_000).status()).isEqualTo(202);
    }

    static String sha256(byte[] body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts "succeed" with exec-N; queued failures are thrown first (or forever). */
    static final class RecordingStarter implements PipelineStarter {
        final List<PipelineStart> calls = new ArrayList<>();
        final List<StartFailure> failures = new ArrayList<>();
        boolean failForever;
        int attempts;

        @Override
        public String start(PipelineStart command, Duration timeout) {
            attempts++;
            if (!failures.isEmpty()) {
                StartFailure failure = failForever ? failures.get(0) : failures.remove(0);
                throw failure;
            }
            calls.add(command);
            return "exec-" + calls.size();
        }
    }

    static final class MemoryLedger implements DeliveryLedger {
        final Map<String, String> items = new ConcurrentHashMap<>();
        final Map<String, Long> expiresAt = new ConcurrentHashMap<>();
        final Map<String, String> bodies = new ConcurrentHashMap<>();
        final Map<String, String> digests = new ConcurrentHashMap<>();
        boolean down;

        @Override
        public Claim claim(String deliveryId, String bodyDigest, String commitId, long expires) {
            if (down) {
                throw new LedgerUnavailable("down", null);
            }
            String first = bodies.putIfAbsent(bodyDigest, deliveryId);
            if (first != null && !first.equals(deliveryId)) {
                return Claim.replayOf(first, items.get(first));
            }
            String knownDigest = digests.putIfAbsent(deliveryId, bodyDigest);
            if (knownDigest != null && !knownDigest.equals(bodyDigest)) {
                bodies.remove(bodyDigest, deliveryId);
                return Claim.forAnotherBody();
            }
            if (expiresAt.putIfAbsent(deliveryId, expires) == null) {
                return Claim.newClaim();
            }
            return Claim.existing(items.get(deliveryId));
        }

        @Override
        public void recordStarted(String deliveryId, String executionId) {
            items.put(deliveryId, executionId);
        }
    }
}
