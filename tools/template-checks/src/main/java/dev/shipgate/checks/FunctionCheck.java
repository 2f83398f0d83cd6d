package dev.shipgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Function settings on the expanded template: java21, one architecture for all, active tracing, JSON
 * logs, SnapStart on published versions behind an alias, and nothing in the stack invoking the
 * unqualified function ($LATEST never runs from a SnapStart snapshot).
 */
public final class FunctionCheck {

    private static final Pattern SUB_REF = Pattern.compile("\\$\\{([A-Za-z0-9]+)(\\.[A-Za-z0-9.]+)?}(:[A-Za-z0-9_-]+)?");

    private FunctionCheck() {
    }

    public static List<Violation> check(JsonNode expanded) {
        List<Violation> v = new ArrayList<>();
        Map<String, JsonNode> functions = Cfn.resourcesOfType(expanded, "AWS::Lambda::Function");
        Set<String> architectures = new TreeSet<>();
        functions.forEach((id, fn) -> {
            JsonNode p = Cfn.properties(fn);
            if (!"java21".equals(p.path("Runtime").asText())) {
                v.add(new Violation(id, "Runtime is " + p.path("Runtime") + ", not java21"));
            }
            if (p.path("Architectures").size() != 1) {
                v.add(new Violation(id, "Architectures must name exactly one architecture"));
            }
            architectures.add(p.path("Architectures").toString());
            if (!"Active".equals(p.path("TracingConfig").path("Mode").asText())) {
                v.add(new Violation(id, "tracing is not Active"));
            }
            if (!"JSON".equals(p.path("LoggingConfig").path("LogFormat").asText())) {
                v.add(new Violation(id, "LoggingConfig.LogFormat is not JSON"));
            }
            if (!snapStartWhereOffered(expanded, p.path("SnapStart"))) {
                v.add(new Violation(id, "SnapStart.ApplyOn is not PublishedVersions"));
            }
        });
        if (architectures.size() > 1) {
            v.add(new Violation("functions", "mixed architectures " + architectures + "; choose one"));
        }
        Set<String> publishing = new HashSet<>();
        Set<String> aliased = new HashSet<>();
        Set<String> aliasNames = new HashSet<>();
        Cfn.resources(expanded).forEach((id, r) -> {
            String type = r.path("Type").asText();
            if (type.equals("AWS::Lambda::Version") || type.equals("AWS::Lambda::Alias")) {
                publishing.add(id);
                Cfn.target(Cfn.properties(r).path("FunctionName")).ifPresent(fn -> {
                    if (type.equals("AWS::Lambda::Alias")) {
                        aliased.add(fn);
                        aliasNames.add(Cfn.properties(r).path("Name").asText());
                    }
                });
            }
        });
        for (String fn : functions.keySet()) {
            if (!aliased.contains(fn)) {
                v.add(new Violation(fn, "has no alias; SnapStart only applies to published versions"));
            }
        }
        Cfn.resources(expanded).forEach((id, r) -> {
            if (publishing.contains(id) || functions.containsKey(id)) {
                return;
            }
            if (r.path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                return; // a metric dimension names the function to read its metrics (every version), never invokes it
            }
            JsonNode qualifier = Cfn.properties(r).path("Qualifier");
            if (r.path("Type").asText().equals("AWS::Lambda::EventInvokeConfig")
                    && !qualifier.isMissingNode() && !"$LATEST".equals(qualifier.asText())) {
                return; // names the function plus a qualifier: configures the alias, not $LATEST
            }
            Set<String> refs = new TreeSet<>();
            references(r, aliasNames, refs);
            refs.retainAll(functions.keySet());
            refs.forEach(fn -> v.add(new Violation(id, "refers to the unqualified function " + fn
                    + " ($LATEST, no SnapStart); point it at the function's alias")));
        });
        return v;
    }

    /**
     * PublishedVersions, or {"Fn::If": [condition, {ApplyOn: PublishedVersions}, NoValue]} where the condition tests
     * nothing but the region (the regions where Lambda offers no SnapStart).
     */
    private static boolean snapStartWhereOffered(JsonNode expanded, JsonNode snapStart) {
        if ("PublishedVersions".equals(snapStart.path("ApplyOn").asText())) {
            return true;
        }
        JsonNode branches = snapStart.path("Fn::If");
        if (branches.size() != 3 || !"PublishedVersions".equals(branches.path(1).path("ApplyOn").asText())
                || !"AWS::NoValue".equals(branches.path(2).path("Ref").asText())) {
            return false;
        }
        JsonNode condition = expanded.path("Conditions").path(branches.path(0).asText());
        Matcher refs = Pattern.compile("\\{\"(Ref|Condition)\":\"([^\"]+)\"}").matcher(condition.toString());
        boolean regionOnly = !condition.isMissingNode();
        while (refs.find()) {
            regionOnly &= refs.group(1).equals("Ref") && refs.group(2).equals("AWS::Region");
        }
        return regionOnly;
    }

    /** Functions referred to without a qualifier; "${Function}:live" (function name plus alias) is qualified. */
    private static void references(JsonNode node, Set<String> aliasNames, Set<String> out) {
        if (node.isObject()) {
            Cfn.target(node).ifPresent(out::add);
            JsonNode sub = node.get("Fn::Sub");
            if (sub != null) {
                String text = sub.isArray() ? sub.path(0).asText() : sub.asText();
                Matcher m = SUB_REF.matcher(text);
                while (m.find()) {
                    boolean qualified = m.group(2) == null && m.group(3) != null && aliasNames.contains(m.group(3).substring(1));
                    if (!qualified) {
                        out.add(m.group(1));
                    }
                }
            }
            node.forEach(child -> references(child, aliasNames, out));
        } else if (node.isArray()) {
            node.forEach(child -> references(child, aliasNames, out));
        }
    }
}
