package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The minimal deploy policy in docs/deploy.md names real actions and covers every service the stack creates. */
class DeployPolicyTest {

    /** CloudFormation type prefixes whose IAM service prefix is not simply the lower-cased name. */
    private static final Map<String, String> IAM_PREFIX = Map.of("ApiGatewayV2", "apigateway");

    @Test
    void deployPolicy_coversEveryServiceOfTheExpandedTemplateIncludingKmsGrantsForEcr() throws IOException {
        JsonNode policy = policy();
        Set<String> actions = new TreeSet<>();
        policy.path("Statement").forEach(s -> Cfn.alternatives(s.path("Action")).forEach(a -> actions.add(a.asText())));
        Set<String> prefixes = new TreeSet<>();
        actions.forEach(a -> prefixes.add(a.substring(0, a.indexOf(':'))));

        Set<String> needed = new TreeSet<>();
        Cfn.resources(Templates.expanded()).values().forEach(r -> {
            String service = r.path("Type").asText().split("::")[1];
            needed.add(IAM_PREFIX.getOrDefault(service, service.toLowerCase()));
        });

        assertThat(prefixes).containsAll(needed);
        assertThat(actions).contains("kms:CreateGrant", "kms:DescribeKey", "kms:RetireGrant", "iam:PassRole",
                "lambda:PublishVersion", "appconfig:CreateHostedConfigurationVersion", "cloudformation:CreateChangeSet");
    }

    @Test
    void deployPolicy_namesOnlyActionsIamKnows() throws IOException {
        // cfn-lint checks action names (W3037) in a plain template, so the policy is linted as a managed policy
        String template = "{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Resources\":{\"DeployPolicy\":{"
                + "\"Type\":\"AWS::IAM::ManagedPolicy\",\"Properties\":{\"PolicyDocument\":" + policy() + "}}}}";
        Path file = Templates.write("deploy-policy.template.json", template);

        Templates.Result lint = Templates.run(List.of("cfn-lint", "-r", "us-east-1", "--", file.toString()));

        assertThat(lint.exitCode()).as(lint.output()).isZero();
    }

    @Test
    void misspelledAction_isCaughtByTheLint() throws IOException {
        String template = "{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Resources\":{\"DeployPolicy\":{"
                + "\"Type\":\"AWS::IAM::ManagedPolicy\",\"Properties\":{\"PolicyDocument\":"
                + policy().toString().replace("kms:RetireGrant", "kms:RetireGrants") + "}}}}";
        Path file = Templates.write("deploy-policy-typo.template.json", template);

        Templates.Result lint = Templates.run(List.of("cfn-lint", "-r", "us-east-1", "--", file.toString()));

        assertThat(lint.output()).contains("W3037").contains("retiregrants");
    }

    private static JsonNode policy() throws IOException {
        String doc = Files.readString(Templates.root().resolve("docs/deploy.md"));
        int section = doc.indexOf("## Minimal deploy permissions");
        assertThat(section).as("docs/deploy.md has '## Minimal deploy permissions'").isNotNegative();
        int start = doc.indexOf("```json", section) + "```json".length();
        return Mutations.json(doc.substring(start, doc.indexOf("```", start)));
    }
}
