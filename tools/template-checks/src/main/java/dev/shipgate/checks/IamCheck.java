package dev.shipgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Least privilege on the expanded template (SAM-generated roles included): no wildcard actions,
 * {@code Resource: "*"} only for actions on the justified list, no NotAction/NotResource, no managed
 * policies, and each function, CodeBuild project and pipeline has a role of its own.
 */
public final class IamCheck {

    private IamCheck() {
    }

    public static List<Violation> check(JsonNode expanded, Set<String> starAllowedActions) {
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : identityPolicies(expanded).entrySet()) {
            for (JsonNode statement : statements(e.getValue())) {
                checkStatement(e.getKey(), statement, starAllowedActions, violations);
            }
        }
        Cfn.resourcesOfType(expanded, "AWS::IAM::Role").forEach((id, role) -> {
            if (!Cfn.properties(role).path("ManagedPolicyArns").isMissingNode()) {
                violations.add(new Violation(id, "attaches managed policies " + Cfn.properties(role).get("ManagedPolicyArns")
                        + "; grant scoped inline statements instead"));
            }
        });
        violations.addAll(roleSeparation(expanded));
        return violations;
    }

    /** Every action the template allows on {@code Resource: "*"}. */
    public static Set<String> starActions(JsonNode expanded) {
        Set<String> actions = new TreeSet<>();
        for (JsonNode document : identityPolicies(expanded).values()) {
            for (JsonNode statement : statements(document)) {
                if (isAllow(statement) && hasStarResource(statement)) {
                    Cfn.alternatives(statement.path("Action")).forEach(a -> actions.add(a.asText()));
                }
            }
        }
        return actions;
    }

    private static void checkStatement(String owner, JsonNode statement, Set<String> starAllowed, List<Violation> out) {
        String sid = statement.path("Sid").asText("(no Sid)");
        String where = owner + " statement " + sid;
        if (statement.has("NotAction") || statement.has("NotResource")) {
            out.add(new Violation(where, "uses NotAction/NotResource; list the actions and resources it allows"));
        }
        if (!isAllow(statement)) {
            return;
        }
        List<String> actions = new ArrayList<>();
        for (JsonNode action : Cfn.alternatives(statement.path("Action"))) {
            if (!action.isTextual()) {
                out.add(new Violation(where, "action " + action + " is not a literal action name"));
                continue;
            }
            actions.add(action.asText());
            if (action.asText().contains("*")) {
                out.add(new Violation(where, "allows wildcard action '" + action.asText() + "'"));
            }
        }
        if (hasStarResource(statement)) {
            List<String> unjustified = actions.stream().filter(a -> !starAllowed.contains(a)).toList();
            if (!unjustified.isEmpty()) {
                out.add(new Violation(where, "allows " + unjustified
                        + " on Resource \"*\"; scope them to ARNs or justify them in star-resource-allowlist.json"));
            }
        }
    }

    private static boolean isAllow(JsonNode statement) {
        return "Allow".equals(statement.path("Effect").asText());
    }

    private static boolean hasStarResource(JsonNode statement) {
        return Cfn.alternatives(statement.path("Resource")).stream().anyMatch(r -> r.isTextual() && r.asText().equals("*"));
    }

    /** Policy documents attached to identities: role inline policies and IAM policy resources. */
    private static Map<String, JsonNode> identityPolicies(JsonNode template) {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        Cfn.resources(template).forEach((id, resource) -> {
            JsonNode props = Cfn.properties(resource);
            switch (resource.path("Type").asText()) {
                case "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group" -> {
                    int i = 0;
                    for (JsonNode policy : Cfn.alternatives(props.path("Policies"))) {
                        documents.put(id + "/" + policy.path("PolicyName").asText("policy" + i++), policy.path("PolicyDocument"));
                    }
                }
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy" ->
                        documents.put(id, props.path("PolicyDocument"));
                default -> {
                }
            }
        });
        return documents;
    }

    private static List<JsonNode> statements(JsonNode document) {
        return Cfn.alternatives(document.path("Statement"));
    }

    /** Functions, CodeBuild projects and the pipeline each assume a role of their own, defined in the stack. */
    static List<Violation> roleSeparation(JsonNode expanded) {
        List<Violation> violations = new ArrayList<>();
        Map<String, String> users = new HashMap<>();
        Map<String, String> roleProperty = Map.of(
                "AWS::Lambda::Function", "Role",
                "AWS::CodeBuild::Project", "ServiceRole",
                "AWS::CodePipeline::Pipeline", "RoleArn");
        Set<String> roles = Cfn.resourcesOfType(expanded, "AWS::IAM::Role").keySet();
        Cfn.resources(expanded).forEach((id, resource) -> {
            String property = roleProperty.get(resource.path("Type").asText());
            if (property == null) {
                return;
            }
            var role = Cfn.target(Cfn.properties(resource).path(property));
            if (role.isEmpty() || !roles.contains(role.get())) {
                violations.add(new Violation(id, property + " is not a role defined in this stack"));
                return;
            }
            String previous = users.putIfAbsent(role.get(), id);
            if (previous != null) {
                violations.add(new Violation(id, "shares role " + role.get() + " with " + previous + "; give each its own role"));
            }
        });
        return violations;
    }
}
