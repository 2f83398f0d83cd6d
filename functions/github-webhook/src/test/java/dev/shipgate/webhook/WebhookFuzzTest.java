package dev.shipgate.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.shared.secret.SecretCache;
import dev.shipgate.testing.TestClients;
import dev.shipgate.testing.TestContext;
import dev.shipgate.webhook.delivery.DeliveryLedger;
import dev.shipgate.webhook.delivery.DeliveryService;
import dev.shipgate.webhook.delivery.Outcome;
import dev.shipgate.webhook.delivery.PipelineStart;
import dev.shipgate.webhook.delivery.PipelineStarter;
import dev.shipgate.webhook.delivery.StartRetry;
import dev.shipgate.webhook.delivery.WebhookRequest;
import dev.shipgate.webhook.github.RefPatterns;
import dev.shipgate.webhook.http.HttpApiEvent;
import dev.shipgate.webhook.http.HttpApiResponse;
import dev.shipgate.webhook.signature.SignatureVerifier;
import dev.shipgate.webhook.signature.WebhookSecret;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated deliveries (random bytes, truncated JSON, huge fields, unicode, wrong types, both content
 * types, base64 or not, headers missing, malformed, duplicated in other cases) fed to the webhook as
 * HTTP API events. Whatever comes in: never a 5xx, and never a start unless one of the request's
 * signature headers is GitHub's signature, with the stack's secret, over exactly the body bytes. The
 * generator is seeded, so a failure names a case that replays.
 */
class WebhookFuzzTest {

    private static final String SECRET = LocalAws.SAMPLE_SECRET;
    private static final String REPO = LocalAws.REPOSITORY;
    private static final long SEED = 0x5eed_2026_1203L;

    /** One generated request and what the oracle knows about it. */
    record Case(int index, String event, byte[] body, List<String> signatures, Set<String> signedShas) {

        /** A start is allowed only when some signature header is the true signature of these exact bytes. */
        boolean validlySigned() {
            String expected = SignatureVerifier.sign(SECRET, body);
            return signatures.stream().anyMatch(s -> s != null && s.strip().equalsIgnoreCase(expected));
        }
    }

    @Test
    void tenThousandGeneratedDeliveries_neverA5xx_neverAStartWithoutAValidSignatureOverThoseBytes() throws IOException {
        Random random = new Random(SEED);
        RecordingStarter starter = new RecordingStarter();
        AtomicLong clock = new AtomicLong(1_000_000);
        DeliveryService service = new DeliveryService(
                new DeliveryService.Rules(REPO, RefPatterns.parse("main, release/**"), RefPatterns.parse("v*"), LocalAws.PIPELINE, "Source"),
                new SecretCache<>(() -> WebhookSecret.parse(SECRET), clock::get, 60_000, Long.MAX_VALUE), new MemoryLedger(),
                new StartRetry(starter, StartRetry.Policy.DEFAULT, clock::get, clock::addAndGet, c -> c), () -> 1_764_280_800L);
        int started = 0;
        Map<Integer, Integer> statuses = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            Case c = generate(random, i);
            int before = starter.calls.size();

            int status = handle(service, c, clock.get() + 7_000);

            statuses.merge(status, 1, Integer::sum);
            assertThat(status).as("case %d: status", i).isBetween(200, 499);
            if (starter.calls.size() > before) {
                started++;
                assertThat(c.validlySigned()).as("case %d started without a valid signature over its bytes", i).isTrue();
                assertThat(starter.calls.get(before).commitId()).as("case %d: started commit", i).isIn(c.signedShas());
            }
        }
        // The generator reaches every answer, starts included, or the properties above prove little.
        assertThat(started).isGreaterThan(100);
        assertThat(statuses.keySet()).contains(200, 202, 400, 401, 415);
    }

    @Test
    void generatedDeliveriesThroughTheRealHandler_neverA5xx_neverAStartWithoutAValidSignature() {
        try (LocalAws aws = new LocalAws(SECRET)) {
            // SDK defaults for DynamoDB here: on a loaded test machine moto can be slower than the function's budget.
            DynamoDbClient dynamo = TestClients.local(DynamoDbClient.builder(), aws.moto.endpoint());
            WebhookHandler handler = new WebhookHandler(new WebhookWiring(aws.config(), aws.codePipelineClient, dynamo, aws.secrets,
                    WebhookWiring.SECRET_REREAD_MILLIS), WebhookHandler.BUDGET_MILLIS);
            Random random = new Random(SEED + 1);
            for (int i = 0; i < 150; i++) {
                Case c = generate(random, i);
                int before = aws.codePipeline.accepted("StartPipelineExecution").size();

                Invocation result = Invocation.of(handler, c.event(), new TestContext(60_000));

                assertThat(result.status()).as("case %d: status", i).isBetween(200, 499);
                List<JsonNode> accepted = aws.codePipeline.accepted("StartPipelineExecution");
                if (accepted.size() > before) {
                    assertThat(c.validlySigned()).as("case %d started without a valid signature over its bytes", i).isTrue();
                    assertThat(accepted.get(before).path("sourceRevisions").get(0).path("revisionValue").asText()).isIn(c.signedShas());
                }
            }
            assertThat(aws.codePipeline.accepted("StartPipelineExecution")).isNotEmpty();
        }
    }

    /** What WebhookHandler does with the bytes Lambda hands it, minus the Lambda context and the log line. */
    private static int handle(DeliveryService service, Case c, long deadline) throws IOException {
        HttpApiEvent event;
        try {
            event = HttpApiEvent.read(new ByteArrayInputStream(c.event().getBytes(StandardCharsets.UTF_8)));
        } catch (HttpApiEvent.InvalidEventException e) {
            return 400;
        }
        Outcome outcome;
        try {
            outcome = service.handle(new WebhookRequest(event.headers(), event.body()), deadline);
        } catch (RuntimeException e) {
            throw new AssertionError("case " + c.index() + ": the handler would answer 500", e);
        }
        HttpApiResponse.write(new ByteArrayOutputStream(), outcome.status(), outcome.body());
        return outcome.status();
    }

    // ----- generator -----

    private static final String[] EVENTS = {"push", "push", "push", "ping", "issues", "create", "PUSH", "", " push ", "pu\u0000sh"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json", "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded", "Application/JSON; charset=utf-8", "text/plain", "application/json, application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "", "application/x-www-form-urlencoded;charset=UTF-8"};
    private static final String[] WEIRD = {"\u0000", "\uD800", "\uDFFF", "\uD83D\uDE80", "\u2028", "\u0085", "\r\n", "\"", "\\", "&payload=",
            "%7B", "+", "=", "\u202e", "ü", "漢", "\t", "{", "}", "[", "null"};

    private static Case generate(Random random, int index) {
        Set<String> shas = new HashSet<>();
        byte[] body = body(random, shas);
        Map<String, String> headers = new HashMap<>();
        List<String> signatures = new ArrayList<>();
        String valid = SignatureVerifier.sign(SECRET, body);
        String signature = switch (random.nextInt(10)) {
            case 0, 1, 2, 3, 4 -> valid;
            case 5 -> valid.toUpperCase(Locale.ROOT).replace("SHA256=", "sha256=");
            case 6 -> SignatureVerifier.sign("wrong-secret", body);
            case 7 -> SignatureVerifier.sign(SECRET, mutate(random, body));
            case 8 -> random.nextBoolean() ? "sha1=" + valid.substring(7, 47) : valid.substring(0, 30) + "zz" + valid.substring(32);
            default -> null;
        };
        if (signature != null) {
            headers.put(headerName(random, "x-hub-signature-256"), signature);
            signatures.add(signature);
        }
        if (random.nextInt(20) == 0) {
            // The same header twice in different cases, the second maybe contradicting the first.
            String other = random.nextBoolean() ? valid : SignatureVerifier.sign("wrong-secret", body);
            headers.put("X-Hub-Signature-256", other);
            signatures.add(other);
        }
        if (random.nextInt(12) != 0) {
            headers.put(headerName(random, "x-github-event"), EVENTS[random.nextInt(EVENTS.length)]);
        }
        if (random.nextInt(12) != 0) {
            headers.put(headerName(random, "x-github-delivery"), deliveryId(random));
        }
        if (random.nextInt(12) != 0) {
            headers.put(headerName(random, "content-type"), contentType(random, body));
        }
        return new Case(index, event(random, headers, body), body, signatures, shas);
    }

    private static String headerName(Random random, String lower) {
        return switch (random.nextInt(4)) {
            case 0 -> lower.toUpperCase(Locale.ROOT);
            case 1 -> Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
            default -> lower;
        };
    }

    private static String contentType(Random random, byte[] body) {
        boolean looksForm = body.length > 8 && new String(body, 0, 8, StandardCharsets.ISO_8859_1).equals("payload=");
        if (random.nextInt(3) != 0) {
            return looksForm ? "application/x-www-form-urlencoded" : "application/json";
        }
        return CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
    }

    private static String deliveryId(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "d".repeat(1 + random.nextInt(300));
            case 1 -> "deliv\u00e9ry-" + random.nextInt(100);
            case 2 -> "a b";
            case 3 -> "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c01"; // one id shared by many cases: redeliveries
            default -> new UUID(random.nextLong(), random.nextLong()).toString();
        };
    }

    private static byte[] body(Random random, Set<String> shas) {
        return switch (random.nextInt(12)) {
            case 0 -> randomBytes(random, random.nextInt(2_000));
            case 1 -> truncate(random, push(random, shas).getBytes(StandardCharsets.UTF_8));
            case 2 -> form(random, push(random, shas));
            case 3 -> formWithExtras(random, push(random, shas));
            case 4 -> wrongTypes(random, shas).getBytes(StandardCharsets.UTF_8);
            case 5 -> ping(random).getBytes(StandardCharsets.UTF_8);
            case 6 -> smuggling(random, shas).getBytes(StandardCharsets.UTF_8);
            case 7 -> mutate(random, push(random, shas).getBytes(StandardCharsets.UTF_8));
            default -> push(random, shas).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String push(Random random, Set<String> shas) {
        String sha = sha(random);
        String head = random.nextInt(10) == 0 ? sha(random) : sha;
        shas.add(head);
        boolean delete = random.nextInt(15) == 0;
        String ref = switch (random.nextInt(8)) {
            case 0 -> "refs/tags/v" + random.nextInt(10) + "." + random.nextInt(10);
            case 1 -> "refs/heads/feature/" + text(random, 20);
            case 2 -> "refs/heads/release/" + random.nextInt(2030);
            case 3 -> "refs/tags/nightly";
            default -> "refs/heads/main";
        };
        String repo = random.nextInt(10) == 0 ? "someone/fork" : REPO;
        String message = random.nextInt(200) == 0 ? "m".repeat(100_000 + random.nextInt(200_000)) : text(random, 120);
        String commits = random.nextInt(5) == 0 ? "[]" : "[{\"id\":\"" + head + "\",\"message\":" + json(message) + "}]";
        return """
                {"ref":%s,"before":"%s","after":"%s","created":false,"deleted":%s,"forced":%s,"base_ref":null,
                 "compare":"https://github.com/%s/compare/abc...def","commits":%s,
                 "head_commit":%s,
                 "repository":{"id":186853002,"full_name":%s,"pushed_at":%d,"created_at":"2019-05-15T15:19:25Z"},
                 "pusher":{"name":%s},"sender":{"login":"monalisa","id":1}}"""
                .formatted(json(ref), sha(random), delete ? "0".repeat(40) : sha, delete, random.nextBoolean(), repo, commits,
                        delete ? "null" : "{\"id\":\"" + head + "\",\"message\":" + json(message) + ",\"timestamp\":\"2026-12-03T10:00:00Z\","
                                + "\"author\":{\"name\":" + json(text(random, 40)) + ",\"username\":\"mona\"}}",
                        json(repo), 1_764_000_000L + random.nextInt(1_000_000), json(text(random, 30)));
    }

    private static String ping(Random random) {
        boolean app = random.nextBoolean();
        return "{\"zen\":" + json(text(random, 40)) + ",\"hook_id\":" + random.nextInt(1_000_000)
                + ",\"hook\":{\"type\":" + (app ? "\"App\"" : "\"Repository\"") + ",\"events\":[\"push\"],\"config\":{\"content_type\":\"json\"}}"
                + (app ? "" : ",\"repository\":{\"full_name\":" + json(REPO) + "}") + "}";
    }

    /** Members a push needs, with the wrong JSON types. */
    private static String wrongTypes(Random random, Set<String> shas) {
        String[] values = {"123", "[]", "{}", "null", "true", "\"x\"", "1e400", "-0", "[\"refs/heads/main\"]", "{\"id\":1}"};
        String[] members = {"ref", "after", "deleted", "head_commit", "repository", "compare", "commits"};
        String push = push(random, shas);
        String member = members[random.nextInt(members.length)];
        String value = values[random.nextInt(values.length)];
        return "{\"" + member + "\":" + value + "," + push.substring(1);
    }

    /** A JSON push whose commit message carries a URL-encoded second push. */
    private static String smuggling(Random random, Set<String> shas) {
        String inner = URLEncoder.encode(push(random, new HashSet<>()), StandardCharsets.UTF_8);
        String outer = push(random, shas);
        return outer.replaceFirst("\"message\":\"", "\"message\":\"Fix&payload=" + inner.replace("\\", "\\\\") + "&");
    }

    private static byte[] form(Random random, String json) {
        return ("payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] formWithExtras(Random random, String json) {
        String payload = "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
        return switch (random.nextInt(4)) {
            case 0 -> ("x=1&" + payload).getBytes(StandardCharsets.US_ASCII);
            case 1 -> (payload + "&payload=%7B%7D").getBytes(StandardCharsets.US_ASCII);
            case 2 -> ("payload=" + json).getBytes(StandardCharsets.UTF_8);
            default -> truncate(random, payload.getBytes(StandardCharsets.US_ASCII));
        };
    }

    private static byte[] truncate(Random random, byte[] bytes) {
        return java.util.Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length));
    }

    private static byte[] mutate(Random random, byte[] bytes) {
        byte[] copy = bytes.length == 0 ? new byte[] {'{'} : bytes.clone();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String text(Random random, int maxFragments) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(maxFragments + 1); n > 0; n--) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) ('a' + random.nextInt(26)));
            } else if (kind < 8) {
                text.append(WEIRD[random.nextInt(WEIRD.length)]);
            } else {
                text.appendCodePoint(random.nextInt(0x30000));
            }
        }
        return text.toString();
    }

    private static String sha(Random random) {
        StringBuilder sha = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            sha.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sha.toString();
    }

    /** A JSON string literal; lone surrogates go out as \\u escapes, as a careless producer might send them. */
    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** The HTTP API event around the body: base64 or text, with an occasional broken envelope. */
    private static String event(Random random, Map<String, String> headers, byte[] body) {
        ObjectNode event = Invocation.MAPPER.createObjectNode();
        event.put("version", "2.0").put("routeKey", "POST /webhook").put("rawPath", "/webhook");
        ObjectNode h = event.putObject("headers");
        headers.forEach(h::put);
        boolean text = isUtf8Text(body) && random.nextInt(3) == 0;
        switch (random.nextInt(40)) {
            case 0 -> event.put("isBase64Encoded", true); // no body
            case 1 -> event.put("body", "%%%not base64%%%").put("isBase64Encoded", true);
            case 2 -> event.put("body", 12345).put("isBase64Encoded", false);
            case 3 -> event.put("body", Base64.getEncoder().encodeToString(body)).put("isBase64Encoded", "true");
            case 4 -> event.set("headers", Invocation.MAPPER.getNodeFactory().arrayNode().add("x"));
            default -> {
                if (text) {
                    event.put("body", new String(body, StandardCharsets.UTF_8)).put("isBase64Encoded", false);
                } else {
                    event.put("body", Base64.getEncoder().encodeToString(body)).put("isBase64Encoded", true);
                }
            }
        }
        event.putObject("requestContext").putObject("http").put("method", "POST").put("path", "/webhook");
        return event.toString();
    }

    private static boolean isUtf8Text(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    // ----- in-memory parts -----

    static final class RecordingStarter implements PipelineStarter {
        final List<PipelineStart> calls = new ArrayList<>();

        @Override
        public String start(PipelineStart command, Duration timeout) {
            calls.add(command);
            return "exec-" + calls.size();
        }
    }

    static final class MemoryLedger implements DeliveryLedger {
        private final Map<String, String> executions = new HashMap<>();
        private final Set<String> claimed = new HashSet<>();
        private final Map<String, String> bodies = new HashMap<>();
        private final Map<String, String> digests = new HashMap<>();

        @Override
        public Claim claim(String deliveryId, String bodyDigest, String commitId, long expiresAtEpochSeconds) {
            String first = bodies.putIfAbsent(bodyDigest, deliveryId);
            if (first != null && !first.equals(deliveryId)) {
                return Claim.replayOf(first, executions.get(first));
            }
            String knownDigest = digests.putIfAbsent(deliveryId, bodyDigest);
            if (knownDigest != null && !knownDigest.equals(bodyDigest)) {
                bodies.remove(bodyDigest, deliveryId);
                return Claim.forAnotherBody();
            }
            return claimed.add(deliveryId) ? Claim.newClaim() : Claim.existing(executions.get(deliveryId));
        }

        @Override
        public void recordStarted(String deliveryId, String executionId) {
            executions.put(deliveryId, executionId);
        }
    }
}
