package dev.shipgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template's rules, evaluated as CloudFormation does before creating anything, over combinations of the parameters
 * they read.
 */
class ParameterRulesTest {

    private static final List<String> SLACK = List.of("SlackWebhookUrl", "SlackWebhookSecretArn", "SlackBotTokenSecretArn",
            "SlackChannel");

    @Test
    void slackIsConfigured_acceptsExactlyOneWebhookOrTheWholeWebApi() {
        JsonNode assertions = Templates.sam().at("/Rules/SlackIsConfigured/Assertions");
        List<String> accepted = new ArrayList<>();

        for (int given = 0; given < 16; given++) {
            Map<String, String> parameters = new LinkedHashMap<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < SLACK.size(); i++) {
                boolean set = (given & (1 << i)) != 0;
                parameters.put(SLACK.get(i), set ? "value" : "");
                if (set) {
                    names.add(SLACK.get(i));
                }
            }
            boolean all = true;
            for (JsonNode assertion : assertions) {
                all &= truth(assertion.path("Assert"), parameters);
            }
            if (all) {
                accepted.add(String.join("+", names));
            }
        }

        assertThat(accepted).containsExactlyInAnyOrder("SlackWebhookUrl", "SlackWebhookSecretArn",
                "SlackBotTokenSecretArn+SlackChannel");
    }

    /** A Clair report is judged instead of ECR's scan, so only the stack's own buildspec may write it. */
    @Test
    void clairReportRequirements_needTheStacksBuildspecAndOnePlatform() {
        JsonNode rule = Templates.sam().at("/Rules/ClairReportRequirements");
        List<String> accepted = new ArrayList<>();

        for (String buildSpec : List.of("", "ci/buildspec.yml")) {
            for (String platform : List.of("linux/amd64", "linux/amd64,linux/arm64")) {
                Map<String, String> parameters = Map.of("ClairReport", "Enabled", "BuildSpecPath", buildSpec, "Platform", platform);
                boolean all = truth(rule.path("RuleCondition"), parameters);
                for (JsonNode assertion : rule.path("Assertions")) {
                    all &= truth(assertion.path("Assert"), parameters);
                }
                if (all) {
                    accepted.add(buildSpec + "|" + platform);
                }
            }
        }

        assertThat(accepted).containsExactly("|linux/amd64");
        assertThat(truth(rule.path("RuleCondition"), Map.of("ClairReport", "Disabled"))).isFalse();
    }

    /** Rule functions: Fn::And, Fn::Or, Fn::Not, Fn::Equals over Ref and strings. */
    private static boolean truth(JsonNode expression, Map<String, String> parameters) {
        var field = expression.fields().next();
        JsonNode args = field.getValue();
        return switch (field.getKey()) {
            case "Fn::And" -> {
                boolean all = true;
                for (JsonNode arg : args) {
                    all &= truth(arg, parameters);
                }
                yield all;
            }
            case "Fn::Or" -> {
                boolean any = false;
                for (JsonNode arg : args) {
                    any |= truth(arg, parameters);
                }
                yield any;
            }
            case "Fn::Not" -> !truth(args.get(0), parameters);
            case "Fn::Equals" -> value(args.get(0), parameters).equals(value(args.get(1), parameters));
            default -> throw new IllegalArgumentException("rule function not evaluated here: " + field.getKey());
        };
    }

    private static String value(JsonNode node, Map<String, String> parameters) {
        if (node.isTextual()) {
            return node.asText();
        }
        String name = node.path("Ref").asText();
        assertThat(parameters).as("the rule refers to " + name).containsKey(name);
        return parameters.get(name);
    }
}
