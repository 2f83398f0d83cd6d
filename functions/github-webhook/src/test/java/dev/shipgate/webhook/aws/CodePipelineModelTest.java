package dev.shipgate.webhook.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.webhook.delivery.PipelineStart;
import dev.shipgate.webhook.github.PushEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.codepipeline.model.StartPipelineExecutionRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every StartPipelineExecution the webhook builds satisfies CodePipeline's own model (AWS's published
 * Smithy model, see src/test/resources/aws-models/SOURCES.md): lengths and patterns of every variable,
 * the source revision, the token and the pipeline name, over generated hostile commit text.
 */
class CodePipelineModelTest {

    private static final String NS = "com.amazonaws.codepipeline#";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonNode shapes;

    /** Text that breaks lines, is not text at all, or is long, in the places GitHub lets a committer write. */
    private static final List<String> FRAGMENTS = List.of(
            "Fix login", " ", "\t", "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "\u000b", "\u000c", "\u0000", "\u001b[31m",
            "\u007f", "\u0080", "\u009f", "\uD83D\uDE80", "\uD83D", "\uDE80", "\u200f", "\u202e", "e\u0301", "\uFEFF", "\uFFFF",
            "ü", "漢字", "${jndi:x}", "#{variables.X}", "\"quoted\"", "\\", "%0a", "&payload=%7B%7D", "a".repeat(700), "b".repeat(1200));

    @BeforeAll
    static void loadModel() throws IOException {
        try (InputStream in = CodePipelineModelTest.class.getResourceAsStream("/aws-models/codepipeline-2015-07-09.json")) {
            shapes = MAPPER.readTree(in).path("shapes");
        }
        assertThat(shape("StartPipelineExecutionInput").path("members").has("variables")).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"Subject\r\nBody", "Subject\rBody", "Subject\u0085Body", "Subject\u2028Body", "Subject\u2029Body",
            "Subject\u000bBody", "Sub\u0000ject\u001b", "Subject\uD83D", "\uDE80Subject"})
    void commitSubjectWithAnyLineBreakOrControl_isCutAndCleanedToWhatTheModelAccepts(String message) {
        StartPipelineExecutionRequest request = request(message, "Mona", "refs/heads/main");

        assertThat(variable(request, "COMMIT_MESSAGE")).startsWith("Sub").doesNotContain("Body");
        assertThat(violations(request)).isEmpty();
    }

    @Test
    void generatedHostileCommits_everyRequestSatisfiesTheModel() {
        Random random = new Random(20261203);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            StartPipelineExecutionRequest request = request(text(random), text(random), "refs/heads/" + text(random));
            List<String> found = violations(request);
            if (!found.isEmpty() && failures.size() < 5) {
                failures.add("case " + i + ": " + found);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theCheckItselfRejectsWhatCodePipelineRefuses() {
        StartPipelineExecutionRequest bad = StartPipelineExecutionRequest.builder().name("p")
                .variables(v -> v.name("COMMIT_MESSAGE").value("Subject\r\nBody"), v -> v.name("E").value(""))
                .sourceRevisions(r -> r.actionName("Source stage").revisionType("COMMIT_ID").revisionValue(""))
                .build();

        assertThat(violations(bad)).hasSize(4);
    }

    private static StartPipelineExecutionRequest request(String message, String author, String ref) {
        PushEvent push = new PushEvent(ref, "6dcb09b5b57875f334f61aebed695e2e4193db5e", false, "6dcb09b5b57875f334f61aebed695e2e4193db5e",
                message, author, author, "o/r", "https://github.com/o/r/compare/a...b" + author);
        return CodePipelineStarter.toRequest(PipelineStart.forPush("shop-pipeline", "Source", push, "5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c01"));
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(6); n >= 0; n--) {
            if (random.nextInt(4) == 0) {
                text.appendCodePoint(random.nextInt(0x30000));
            } else if (random.nextInt(8) == 0) {
                text.append((char) random.nextInt(0x10000)); // any UTF-16 unit, lone surrogates included
            } else {
                text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            }
        }
        return text.toString();
    }

    private static String variable(StartPipelineExecutionRequest request, String name) {
        return request.variables().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow().value();
    }

    /** The request as the JSON protocol sends it, checked member by member against the model's shapes. */
    private static List<String> violations(StartPipelineExecutionRequest request) {
        ObjectNode input = MAPPER.createObjectNode();
        input.put("name", request.name());
        if (request.clientRequestToken() != null) {
            input.put("clientRequestToken", request.clientRequestToken());
        }
        if (request.hasSourceRevisions()) {
            ArrayNode revisions = input.putArray("sourceRevisions");
            request.sourceRevisions().forEach(r -> revisions.addObject()
                    .put("actionName", r.actionName()).put("revisionType", r.revisionTypeAsString()).put("revisionValue", r.revisionValue()));
        }
        if (request.hasVariables()) {
            ArrayNode variables = input.putArray("variables");
            request.variables().forEach(v -> variables.addObject().put("name", v.name()).put("value", v.value()));
        }
        List<String> found = new ArrayList<>();
        check("StartPipelineExecutionInput", input, "input", found);
        return found;
    }

    private static JsonNode shape(String name) {
        JsonNode shape = shapes.path(NS + name);
        assertThat(shape.isMissingNode()).as("shape %s in the model", name).isFalse();
        return shape;
    }

    private static void check(String shapeName, JsonNode value, String path, List<String> found) {
        JsonNode shape = shape(shapeName);
        JsonNode traits = shape.path("traits");
        switch (shape.path("type").asText()) {
            case "structure" -> shape.path("members").properties().forEach(member -> {
                JsonNode memberValue = value.path(member.getKey());
                if (memberValue.isMissingNode() || memberValue.isNull()) {
                    if (member.getValue().path("traits").has("smithy.api#required")) {
                        found.add(path + "." + member.getKey() + " is required");
                    }
                } else {
                    check(local(member.getValue().path("target").asText()), memberValue, path + "." + member.getKey(), found);
                }
            });
            case "list" -> {
                checkLength(traits, value.size(), path, found);
                for (int i = 0; i < value.size(); i++) {
                    check(local(shape.path("member").path("target").asText()), value.get(i), path + "[" + i + "]", found);
                }
            }
            case "enum" -> {
                List<String> allowed = new ArrayList<>();
                shape.path("members").forEach(m -> allowed.add(m.path("traits").path("smithy.api#enumValue").asText()));
                if (!allowed.contains(value.asText())) {
                    found.add(path + " is not one of " + allowed);
                }
            }
            case "string" -> {
                String text = value.asText();
                // Smithy measures string length in Unicode scalar values.
                checkLength(traits, text.codePointCount(0, text.length()), path, found);
                if (traits.has("smithy.api#pattern")) {
                    // The services apply patterns as java.util.regex does, over the whole value: '.' matches no line terminator.
                    String pattern = traits.path("smithy.api#pattern").asText();
                    if (!Pattern.compile(pattern).matcher(text).matches()) {
                        found.add(path + " does not match " + pattern + " (UTF-16: " + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_16BE)) + ")");
                    }
                }
                if (!isWellFormed(text)) {
                    found.add(path + " has an unpaired surrogate (not encodable as UTF-8)");
                }
            }
            default -> found.add(path + ": unexpected shape type " + shape.path("type").asText());
        }
    }

    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static void checkLength(JsonNode traits, int length, String path, List<String> found) {
        JsonNode bounds = traits.path("smithy.api#length");
        if (bounds.has("min") && length < bounds.path("min").asInt()) {
            found.add(path + " is shorter than " + bounds.path("min").asInt());
        }
        if (bounds.has("max") && length > bounds.path("max").asInt()) {
            found.add(path + " is longer than " + bounds.path("max").asInt());
        }
    }

    private static String local(String target) {
        return target.substring(target.indexOf('#') + 1);
    }
}
