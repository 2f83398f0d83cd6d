package dev.shipgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every parameter has a description and a constraint, sits in exactly one parameter group of
 * AWS::CloudFormation::Interface and has a label there; secrets are NoEcho; every output is described.
 */
public final class InterfaceCheck {

    private InterfaceCheck() {
    }

    public static List<Violation> check(JsonNode samTemplate) {
        List<Violation> v = new ArrayList<>();
        JsonNode ui = samTemplate.path("Metadata").path("AWS::CloudFormation::Interface");
        Map<String, Integer> grouped = new HashMap<>();
        for (JsonNode group : ui.path("ParameterGroups")) {
            group.path("Parameters").forEach(p -> grouped.merge(p.asText(), 1, Integer::sum));
        }
        samTemplate.path("Parameters").properties().forEach(e -> {
            String name = e.getKey();
            JsonNode p = e.getValue();
            if (p.path("Description").asText("").isBlank()) {
                v.add(new Violation(name, "parameter has no Description"));
            }
            boolean constrained = p.has("AllowedPattern") || p.has("AllowedValues")
                    || (p.has("MinValue") && p.has("MaxValue"));
            if (!constrained) {
                v.add(new Violation(name, "parameter has no AllowedPattern, AllowedValues or MinValue/MaxValue"));
            }
            if (p.has("AllowedPattern") && p.path("ConstraintDescription").asText("").isBlank()) {
                v.add(new Violation(name, "parameter has an AllowedPattern but no ConstraintDescription"));
            }
            int groups = grouped.getOrDefault(name, 0);
            if (groups != 1) {
                v.add(new Violation(name, "parameter is in " + groups + " parameter groups, expected exactly 1"));
            }
            if (ui.path("ParameterLabels").path(name).path("default").asText("").isBlank()) {
                v.add(new Violation(name, "parameter has no label in ParameterLabels"));
            }
            String lower = name.toLowerCase();
            // A ...SecretArn names where a secret is kept (SlackBotTokenSecretArn), not the secret.
            boolean secretLike = ((lower.contains("url") && lower.contains("webhook")) || lower.contains("token")
                    || lower.contains("password")) && !lower.endsWith("arn");
            if (secretLike && !p.path("NoEcho").asBoolean(false)) {
                v.add(new Violation(name, "parameter looks secret but is not NoEcho"));
            }
        });
        samTemplate.path("Outputs").properties().forEach(e -> {
            if (e.getValue().path("Description").asText("").isBlank()) {
                v.add(new Violation(e.getKey(), "output has no Description"));
            }
        });
        grouped.keySet().forEach(name -> {
            if (!samTemplate.path("Parameters").has(name)) {
                v.add(new Violation(name, "parameter group names a parameter the template does not declare"));
            }
        });
        return v;
    }
}
