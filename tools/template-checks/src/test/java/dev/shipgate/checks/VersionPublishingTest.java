package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A parameter change must reach the `live` alias, which is all that SnapStart and every caller run: for each
 * parameter that any function's environment depends on, the template is translated with the SAM translator
 * twice (as CloudFormation's hosted transform does, with the parameter values) and the function's
 * AWS::Lambda::Version must change in what makes CloudFormation create a new one: its logical id or a
 * create-only property (tools/template-checks/src/test/python/published_versions.py).
 */
class VersionPublishingTest {

    private static final String SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:slack-AbCdEf";
    private static final String SLACK_URL = "https://hooks.slack.com/services/T0001/B0001/XXXXXXXXXXXXXXXXXXXXXXXX";
    private static final Map<String, String> BASE = Map.of("ProjectName", "demo", "GitHubOwner", "octo", "GitHubRepo", "app",
            "SlackWebhookSecretArn", SECRET);
    /** A second valid value of each parameter; a parameter newly reaching an environment fails the test until listed. */
    private static final Map<String, Map<String, String>> OTHER_VALUE = Map.ofEntries(
            Map.entry("ProjectName", Map.of("ProjectName", "demo2")),
            Map.entry("GitHubOwner", Map.of("GitHubOwner", "octo-org")),
            Map.entry("GitHubRepo", Map.of("GitHubRepo", "app2")),
            Map.entry("GitHubRepoBranch", Map.of("GitHubRepoBranch", "release")),
            Map.entry("GitHubTagPattern", Map.of("GitHubTagPattern", "v*")),
            Map.entry("FailOnSeverity", Map.of("FailOnSeverity", "CRITICAL")),
            Map.entry("UnscoredSeverity", Map.of("UnscoredSeverity", "CRITICAL")),
            Map.entry("AllowUnsupportedImage", Map.of("AllowUnsupportedImage", "true")),
            Map.entry("ScanTimeoutMinutes", Map.of("ScanTimeoutMinutes", "45")),
            Map.entry("PolicyFilePath", Map.of("PolicyFilePath", "policy/gate.yaml")),
            Map.entry("ClairReport", Map.of("ClairReport", "Enabled")),
            Map.entry("NotifyOn", Map.of("NotifyOn", "all")),
            Map.entry("SlackMentionOnFailure", Map.of("SlackMentionOnFailure", "<!here>")),
            Map.entry("SlackWebhookSecretArn", Map.of("SlackWebhookSecretArn", SECRET.replace("slack-", "other-"))),
            Map.entry("SlackWebhookUrl", Map.of("SlackWebhookUrl", SLACK_URL, "SlackWebhookSecretArn", "")),
            Map.entry("SlackBotTokenSecretArn", Map.of("SlackBotTokenSecretArn", SECRET.replace("slack-", "slack-bot-"),
                    "SlackChannel", "C0123ABCDEF", "SlackWebhookSecretArn", "")),
            Map.entry("SlackChannel", Map.of("SlackBotTokenSecretArn", SECRET.replace("slack-", "slack-bot-"),
                    "SlackChannel", "C0999ZZZZZZ", "SlackWebhookSecretArn", "")),
            Map.entry("GitHubStatusTokenSecretArn", Map.of("GitHubStatusTokenSecretArn", SECRET.replace("slack-", "github-"))),
            Map.entry("GitHubApiUrl", Map.of("GitHubApiUrl", "https://github.example.com/api/v3")));

    private static JsonNode versions;

    @BeforeAll
    static void translateWithEachParameterChanged() {
        versions = translate(Templates.template());
    }

    @Test
    void everyParameterInAFunctionsEnvironment_publishesANewVersionOfThatFunction() {
        Map<String, TreeSet<String>> reaching = reachingParameters(versions);
        assertThat(reaching.get("ScanGateFunction")).contains("FailOnSeverity", "ScanTimeoutMinutes", "PolicyFilePath");
        assertThat(reaching.get("WebhookFunction")).contains("GitHubRepoBranch", "GitHubTagPattern", "GitHubOwner", "GitHubRepo", "ProjectName");
        assertThat(reaching.get("NotifierFunction")).contains("NotifyOn", "SlackMentionOnFailure", "SlackWebhookSecretArn", "SlackWebhookUrl",
                "SlackBotTokenSecretArn", "SlackChannel", "GitHubStatusTokenSecretArn", "GitHubApiUrl");

        List<String> unpublished = new ArrayList<>();
        reaching.forEach((function, parameters) -> parameters.forEach(parameter -> {
            if (!OTHER_VALUE.containsKey(parameter)) {
                unpublished.add(parameter + " reaches " + function + "'s environment: list a second value for it in OTHER_VALUE");
                return;
            }
            JsonNode before = versions.path("base").path(function);
            JsonNode after = versions.path(parameter).path(function);
            if (before.path("logicalId").equals(after.path("logicalId"))
                    && before.path("replacementKey").equals(after.path("replacementKey"))) {
                unpublished.add(function + " keeps its version when " + parameter + " changes");
            }
        }));

        assertThat(unpublished).isEmpty();
    }

    @Test
    void noEchoValue_neverReachesAVersionOrItsEnvironmentCopy() {
        assertThat(versions.path("SlackWebhookUrl").toString()).doesNotContain(SLACK_URL).doesNotContain("T0001/B0001");
    }

    @Test
    void templateWithoutVersionDescriptions_keepsTheOldVersion() {
        // Arrange: SAM's own behaviour (aws/serverless-application-model#1640), which the template works around
        JsonNode template = Templates.sam();
        for (String function : List.of("WebhookFunction", "ScanGateFunction", "NotifierFunction")) {
            Mutations.props(template, function).remove("VersionDescription");
        }
        Path copy = Templates.write("without-version-descriptions.json", template.toString());

        // Act
        JsonNode translated = translate(copy);

        // Assert
        JsonNode before = translated.path("base").path("ScanGateFunction");
        JsonNode after = translated.path("FailOnSeverity").path("ScanGateFunction");
        assertThat(after.path("logicalId")).isEqualTo(before.path("logicalId"));
        assertThat(after.path("replacementKey")).isEqualTo(before.path("replacementKey"));
    }

    @Test
    void environmentCopies_holdEveryNonLiteralVariableOfTheirFunctionAsWritten() {
        JsonNode template = Templates.sam();
        Map<String, String> copies = Map.of("WebhookFunction", "WebhookEnvironment", "ScanGateFunction", "ScanGateEnvironment",
                "NotifierFunction", "NotifierEnvironment");

        copies.forEach((function, copy) -> {
            Map<String, String> expected = nonLiteralVariables(template, function);
            Map<String, String> copied = contentLines(template, copy);
            assertThat(copied).as(copy + " against " + function + "'s Environment").isEqualTo(expected);
            assertThat(Mutations.props(template, function).path("VersionDescription").toString()).contains("${" + copy + ".VersionNumber}");
        });
    }

    @Test
    void copyMissingAVariable_isNoLongerEqualToTheEnvironment() {
        JsonNode template = Templates.sam();
        ObjectNode variables = Mutations.object(template, "/Resources/ScanGateFunction/Properties/Environment/Variables");
        variables.set("SEVERITY_FLOOR", Mutations.json("{\"Ref\":\"FailOnSeverity\"}"));

        assertThat(contentLines(template, "ScanGateEnvironment")).isNotEqualTo(nonLiteralVariables(template, "ScanGateFunction"));
    }

    /** NAME -> value as a Fn::Sub would write it, for every variable that is not a plain literal. */
    private static Map<String, String> nonLiteralVariables(JsonNode template, String function) {
        Map<String, String> out = new TreeMap<>();
        Mutations.props(template, function).path("Environment").path("Variables").properties().forEach(e -> {
            JsonNode value = e.getValue();
            if (!value.isValueNode()) {
                out.put(e.getKey(), asSubText(value));
            }
        });
        return out;
    }

    private static String asSubText(JsonNode value) {
        if (value.has("Ref")) {
            return "${" + value.get("Ref").asText() + "}";
        }
        if (value.has("Fn::GetAtt")) {
            JsonNode getAtt = value.get("Fn::GetAtt");
            return "${" + (getAtt.isArray() ? getAtt.path(0).asText() + "." + getAtt.path(1).asText() : getAtt.asText()) + "}";
        }
        if (value.has("Fn::Sub") && value.get("Fn::Sub").isTextual()) {
            return value.get("Fn::Sub").asText();
        }
        return value.toString(); // other intrinsics: the copy names a Fn::Sub variable holding exactly this
    }

    /** The copy's NAME=value lines, with ${Var} of the Fn::Sub variable map replaced by what the map holds. */
    private static Map<String, String> contentLines(JsonNode template, String copy) {
        JsonNode sub = Mutations.props(template, copy).path("Content").path("Fn::Sub");
        String text = sub.isArray() ? sub.path(0).asText() : sub.asText();
        JsonNode variables = sub.isArray() ? sub.path(1) : Mutations.json("{}");
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.strip().split("\n")) {
            String name = line.substring(0, line.indexOf('='));
            String value = line.substring(line.indexOf('=') + 1);
            if (value.startsWith("${") && value.endsWith("}") && variables.has(value.substring(2, value.length() - 1))) {
                value = asSubText(variables.get(value.substring(2, value.length() - 1)));
            }
            out.put(name, value);
        }
        return new TreeMap<>(out);
    }

    private static Map<String, TreeSet<String>> reachingParameters(JsonNode translated) {
        Map<String, TreeSet<String>> reaching = new TreeMap<>();
        translated.properties().forEach(set -> set.getValue().properties().forEach(fn -> {
            TreeSet<String> names = reaching.computeIfAbsent(fn.getKey(), k -> new TreeSet<>());
            fn.getValue().path("environmentParameters").forEach(p -> names.add(p.asText()));
        }));
        return reaching;
    }

    private static JsonNode translate(Path template) {
        ObjectNode sets = Templates.MAPPER.createObjectNode();
        sets.set("base", Templates.MAPPER.valueToTree(BASE));
        OTHER_VALUE.forEach((name, value) -> {
            Map<String, String> changed = new TreeMap<>(BASE);
            changed.putAll(value);
            sets.set(name, Templates.MAPPER.valueToTree(changed));
        });
        Path setsFile = Templates.write("parameter-sets.json", sets.toString());
        Templates.Result r = Templates.run(List.of("python3",
                Templates.root().resolve("tools/template-checks/src/test/python/published_versions.py").toString(),
                template.toString(), setsFile.toString()));
        assertThat(r.exitCode()).as(r.output()).isZero();
        return Mutations.json(r.output());
    }
}
