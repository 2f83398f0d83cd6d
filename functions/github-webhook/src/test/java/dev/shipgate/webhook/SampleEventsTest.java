package dev.shipgate.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.testing.Events;
import dev.shipgate.webhook.signature.SignatureVerifier;
import dev.shipgate.webhook.signature.WebhookSecret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sample event in events/github-webhook: its signature is checked against the documented sample
 * secret, and running it through the handler gives the documented answer, so the files cannot drift.
 */
class SampleEventsTest {

    /** Scenario → HTTP status, and the body's status field (or the start of its error). */
    private static final Map<String, Expected> EXPECTED = Map.ofEntries(
            Map.entry("push-main", new Expected(202, "started", true)),
            Map.entry("push-other-branch", new Expected(202, "skipped", true)),
            Map.entry("push-tag", new Expected(202, "started", true)),
            Map.entry("branch-deleted", new Expected(202, "skipped", true)),
            Map.entry("push-skip-ci", new Expected(202, "skipped", true)),
            Map.entry("ping", new Expected(200, "pong", true)),
            Map.entry("ping-form-encoded", new Expected(200, "pong", true)),
            Map.entry("push-form-encoded", new Expected(202, "started", true)),
            Map.entry("push-base64", new Expected(202, "started", true)),
            Map.entry("bad-signature", new Expected(401, null, false)),
            Map.entry("missing-signature", new Expected(401, null, false)),
            Map.entry("missing-delivery-header", new Expected(400, null, true)),
            Map.entry("unsupported-content-type", new Expected(415, null, true)),
            Map.entry("invalid-json", new Expected(400, null, true)),
            Map.entry("issues-ignored", new Expected(202, "ignored", true)));

    record Expected(int status, String bodyStatus, boolean validSignature) {
    }

    private LocalAws aws;

    @BeforeEach
    void start() {
        aws = new LocalAws(LocalAws.SAMPLE_SECRET);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(Events.path("github-webhook", ""))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList().stream();
        }
    }

    @Test
    void everySampleEvent_hasAnExpectation() throws IOException {
        assertThat(scenarios().toList()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void sampleEvent_signatureMatchesTheDocumentedSecret(String scenario) throws IOException {
        JsonNode event = Invocation.MAPPER.readTree(Events.read("github-webhook", scenario + ".json"));
        String body = event.path("body").asText();
        byte[] bytes = event.path("isBase64Encoded").asBoolean() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);

        boolean valid = SignatureVerifier.verify(event.path("headers").path("x-hub-signature-256").asText(null), bytes,
                WebhookSecret.of(LocalAws.SAMPLE_SECRET)).valid();

        assertThat(valid).as("signature of %s", scenario).isEqualTo(EXPECTED.get(scenario).validSignature());
        assertThat(event.path("headers").path("content-length").asInt()).as("content-length of %s", scenario).isEqualTo(bytes.length);
        assertThat(event.path("version").asText()).isEqualTo("2.0");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void sampleEvent_handlerGivesTheDocumentedAnswer(String scenario) {
        Expected expected = EXPECTED.get(scenario);

        Invocation result = Invocation.of(aws.handler(), Events.read("github-webhook", scenario + ".json"));

        assertThat(result.status()).as("status of %s: %s", scenario, result.body()).isEqualTo(expected.status());
        if (expected.bodyStatus() != null) {
            assertThat(result.body().path("status").asText()).isEqualTo(expected.bodyStatus());
        } else {
            assertThat(result.body().path("error").asText()).isNotBlank();
        }
        int starts = aws.codePipeline.accepted("StartPipelineExecution").size();
        assertThat(starts).as("pipeline starts for %s", scenario).isEqualTo("started".equals(expected.bodyStatus()) ? 1 : 0);
    }

    @Test
    void pushTag_startsOnTheTaggedCommitNotTheTagObject() {
        Invocation.of(aws.handler(), Events.read("github-webhook", "push-tag.json"));

        JsonNode request = aws.codePipeline.accepted("StartPipelineExecution").get(0);
        assertThat(request.path("sourceRevisions").get(0).path("revisionValue").asText()).isEqualTo("6dcb09b5b57875f334f61aebed695e2e4193db5e");
        assertThat(request.path("variables").toString()).contains("{\"name\":\"TAG\",\"value\":\"v1.4.0\"}");
    }
}
