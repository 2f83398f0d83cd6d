package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IamCheckTest {

    /** action -> reason, from src/test/resources/star-resource-allowlist.json (docs/security.md lists the same). */
    static Map<String, String> allowlist() {
        try (InputStream in = IamCheckTest.class.getResourceAsStream("/star-resource-allowlist.json")) {
            Map<String, String> entries = new TreeMap<>();
            for (JsonNode entry : Templates.MAPPER.readTree(in)) {
                entries.put(entry.path("action").asText(), entry.path("reason").asText());
            }
            return entries;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void expandedTemplate_isLeastPrivilege() {
        assertThat(IamCheck.check(Templates.expanded(), allowlist().keySet())).isEmpty();
    }

    @Test
    void allowlist_everyEntryIsUsedByTheTemplateAndExplained() {
        Map<String, String> allowlist = allowlist();

        assertThat(IamCheck.starActions(Templates.expanded())).isEqualTo(allowlist.keySet());
        assertThat(allowlist.values()).allSatisfy(reason -> assertThat(reason).hasSizeGreaterThan(20));
    }

    @Test
    void copyGrantingAnUnlistedActionOnStar_isReported() {
        JsonNode template = Templates.expanded();
        statements(template, "BuildRole").add(Mutations.json(
                "{\"Sid\":\"TooBroad\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"ecr:GetAuthorizationToken\"],\"Resource\":\"*\"}"));

        var violations = IamCheck.check(template, allowlist().keySet());

        assertThat(violations).extracting(Violation::toString).containsExactly(
                "BuildRole/build statement TooBroad: allows [s3:GetObject] on Resource \"*\"; scope them to ARNs or justify them in star-resource-allowlist.json");
    }

    @Test
    void copyWithServiceWildcardAction_isReported() {
        JsonNode template = Templates.expanded();
        statements(template, "WebhookFunctionRole").add(Mutations.json(
                "{\"Sid\":\"AllDynamo\",\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":{\"Fn::GetAtt\":[\"DeliveriesTable\",\"Arn\"]}}"));

        var violations = IamCheck.check(template, allowlist().keySet());

        assertThat(violations).extracting(Violation::toString).containsExactly(
                "WebhookFunctionRole/github-webhook statement AllDynamo: allows wildcard action 'dynamodb:*'");
    }

    @Test
    void copyWithStarActionInsideACondition_isReported() {
        JsonNode template = Templates.expanded();
        statements(template, "DeployRole").add(Mutations.json(
                "{\"Fn::If\":[\"HasEks\",{\"Sid\":\"Admin\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},{\"Ref\":\"AWS::NoValue\"}]}"));

        var violations = IamCheck.check(template, allowlist().keySet());

        assertThat(violations).extracting(Violation::toString).containsExactly(
                "DeployRole/deploy statement Admin: allows wildcard action '*'",
                "DeployRole/deploy statement Admin: allows [*] on Resource \"*\"; scope them to ARNs or justify them in star-resource-allowlist.json");
    }

    @Test
    void copyWithNotAction_isReported() {
        JsonNode template = Templates.expanded();
        statements(template, "ScanGateFunctionRole").add(Mutations.json(
                "{\"Sid\":\"Inverted\",\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":{\"Ref\":\"NotifyTopic\"}}"));

        var violations = IamCheck.check(template, allowlist().keySet());

        assertThat(violations).extracting(Violation::toString).containsExactly(
                "ScanGateFunctionRole/scan-gate statement Inverted: uses NotAction/NotResource; list the actions and resources it allows");
    }

    @Test
    void copyAttachingAManagedPolicy_isReported() {
        JsonNode template = Templates.expanded();
        Mutations.props(template, "NotifierFunctionRole").putArray("ManagedPolicyArns")
                .add("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");

        var violations = IamCheck.check(template, allowlist().keySet());

        assertThat(violations).extracting(Violation::subject).containsExactly("NotifierFunctionRole");
        assertThat(violations.get(0).problem()).contains("managed policies");
    }

    @Test
    void copyWhereTwoFunctionsShareARole_isReported() {
        JsonNode template = Templates.expanded();
        Mutations.props(template, "ScanGateFunction").set("Role", Mutations.json("{\"Fn::GetAtt\":[\"WebhookFunctionRole\",\"Arn\"]}"));

        var violations = IamCheck.check(template, allowlist().keySet());

        assertThat(violations).extracting(Violation::toString).containsExactly(
                "ScanGateFunction: shares role WebhookFunctionRole with WebhookFunction; give each its own role");
    }

    @Test
    void copyWithARoleFromOutsideTheStack_isReported() {
        JsonNode template = Templates.expanded();
        Mutations.props(template, "BuildProject").put("ServiceRole", "arn:aws:iam::123456789012:role/shared-codebuild");

        var violations = IamCheck.check(template, allowlist().keySet());

        assertThat(violations).extracting(Violation::toString).containsExactly(
                "BuildProject: ServiceRole is not a role defined in this stack");
    }

    @Test
    void starActions_listsActionsGrantedOnStar() {
        assertThat(IamCheck.starActions(Templates.expanded())).contains("ecr:GetAuthorizationToken")
                .doesNotContain("sns:Publish", "codepipeline:StartPipelineExecution");
        assertThat(Set.copyOf(allowlist().keySet())).doesNotContain("*");
    }

    private static ArrayNode statements(JsonNode template, String role) {
        ObjectNode policy = (ObjectNode) Mutations.props(template, role).path("Policies").get(0);
        return (ArrayNode) policy.path("PolicyDocument").path("Statement");
    }
}
