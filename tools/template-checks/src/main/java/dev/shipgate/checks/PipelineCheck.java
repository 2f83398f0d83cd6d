package dev.shipgate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline's wiring agrees with itself and with the functions: stage order (nothing deploys
 * before the gate), change detection off, the Source action name the webhook targets, pipeline
 * variables declared for everything the webhook passes and every #{variables.X} used, build
 * variables the default buildspec exports, and gate UserParameters the scan gate can parse.
 */
public final class PipelineCheck {

    private static final Pattern VARIABLE_REF = Pattern.compile("#\\{variables\\.([A-Za-z0-9@_-]+)}");
    private static final Pattern BUILD_REF = Pattern.compile("#\\{BuildVariables\\.([A-Za-z0-9@_-]+)}");
    private static final Pattern ANY_REF = Pattern.compile("#\\{([A-Za-z0-9@_-]+)\\.([A-Za-z0-9@_-]+)}");
    /** CodePipeline's implicit variables (Variables reference): only the execution id. */
    private static final Set<String> IMPLICIT = Set.of("PipelineExecutionId");
    private static final Set<String> GATE_KEYS = Set.of("repository", "imageDigest", "pipelineName", "pipelineExecutionId");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PipelineCheck() {
    }

    /**
     * @param samTemplate      template.yaml decoded (not expanded)
     * @param webhookVariables the pipeline variable names the github-webhook passes
     */
    public static List<Violation> check(JsonNode samTemplate, Set<String> webhookVariables) {
        List<Violation> v = new ArrayList<>();
        var pipelines = Cfn.resourcesOfType(samTemplate, "AWS::CodePipeline::Pipeline");
        if (pipelines.size() != 1) {
            v.add(new Violation("template", "expected exactly one AWS::CodePipeline::Pipeline, found " + pipelines.size()));
            return v;
        }
        String id = pipelines.keySet().iterator().next();
        JsonNode p = Cfn.properties(pipelines.get(id));
        if (!"V2".equals(p.path("PipelineType").asText())) {
            v.add(new Violation(id, "PipelineType is not V2 (pipeline variables and source revision overrides need V2)"));
        }
        List<JsonNode> stages = Cfn.alternatives(p.path("Stages"));
        List<String> order = stages.stream().map(s -> s.path("Name").asText()).toList();
        List<String> expected = List.of("Source", "Build", "SecurityGate", "Test", "Deploy");
        if (!order.equals(expected.stream().filter(order::contains).toList()) || !order.containsAll(expected.subList(0, 3))) {
            v.add(new Violation(id, "stages " + order + " are not Source, Build, SecurityGate[, Test][, Deploy]"));
        }
        source(samTemplate, id, stages, v);
        Set<String> declared = new TreeSet<>();
        Cfn.alternatives(p.path("Variables")).forEach(var -> declared.add(var.path("Name").asText()));
        for (String name : webhookVariables) {
            if (!declared.contains(name)) {
                v.add(new Violation(id, "the github-webhook passes variable " + name + " but the pipeline does not declare it"));
            }
        }
        for (String name : refs(VARIABLE_REF, p.toString())) {
            if (!declared.contains(name)) {
                v.add(new Violation(id, "#{variables." + name + "} is used but not declared"));
            }
        }
        Set<String> exported = exportedBuildVariables(samTemplate);
        for (String name : refs(BUILD_REF, p.toString())) {
            if (!exported.contains(name)) {
                v.add(new Violation(id, "#{BuildVariables." + name + "} is used but the default buildspec does not export it"));
            }
        }
        namespaces(id, p, stages, v);
        firstExecutionIsReported(samTemplate, id, v);
        gate(id, stages, p.path("Name"), v);
        return v;
    }

    /**
     * CodePipeline starts an execution as soon as the pipeline is created: the rule forwarding its events, and
     * the permission to invoke the notifier, must exist by then, or that execution is reported in part or not at all.
     */
    private static void firstExecutionIsReported(JsonNode samTemplate, String id, List<Violation> v) {
        Set<String> dependsOn = new TreeSet<>();
        Cfn.alternatives(samTemplate.path("Resources").path(id).path("DependsOn")).forEach(d -> dependsOn.add(d.asText()));
        Cfn.resourcesOfType(samTemplate, "AWS::Events::Rule").forEach((rule, r) -> {
            if (!Cfn.properties(r).path("EventPattern").path("source").toString().contains("aws.codepipeline")) {
                return;
            }
            if (!dependsOn.contains(rule)) {
                v.add(new Violation(id, "does not DependsOn " + rule + "; the first automatic execution starts before its events are forwarded"));
            }
            Cfn.resourcesOfType(samTemplate, "AWS::Lambda::Permission").forEach((permission, perm) -> {
                if (Cfn.properties(perm).path("SourceArn").toString().contains("\"" + rule + "\"") && !dependsOn.contains(permission)) {
                    v.add(new Violation(id, "does not DependsOn " + permission + "; the rule cannot invoke the notifier yet"));
                }
            });
        });
    }

    /**
     * Every #{namespace.name} is an implicit codepipeline variable CodePipeline documents, a pipeline variable,
     * or comes from an action namespace of this pipeline; anything else is rejected by CodePipeline or reaches
     * the action as literal text.
     */
    private static void namespaces(String id, JsonNode p, List<JsonNode> stages, List<Violation> v) {
        Set<String> actionNamespaces = new TreeSet<>();
        stages.forEach(stage -> Cfn.alternatives(stage.path("Actions")).forEach(action -> {
            if (action.hasNonNull("Namespace")) {
                actionNamespaces.add(action.path("Namespace").asText());
            }
        }));
        Matcher m = ANY_REF.matcher(p.toString());
        Set<String> reported = new TreeSet<>();
        while (m.find()) {
            String namespace = m.group(1);
            boolean known = switch (namespace) {
                case "codepipeline" -> IMPLICIT.contains(m.group(2));
                case "variables" -> true; // declared or not: checked above
                default -> actionNamespaces.contains(namespace);
            };
            if (!known && reported.add(m.group())) {
                v.add(new Violation(id, m.group() + " is neither a documented implicit variable (#{codepipeline.PipelineExecutionId})"
                        + " nor a pipeline variable nor from an action namespace " + actionNamespaces));
            }
        }
    }

    private static void source(JsonNode samTemplate, String id, List<JsonNode> stages, List<Violation> v) {
        JsonNode source = stages.isEmpty() ? null : stages.get(0).path("Actions").path(0);
        if (source == null || !"CodeStarSourceConnection".equals(source.path("ActionTypeId").path("Provider").asText())) {
            v.add(new Violation(id, "the first action is not a CodeStarSourceConnection source"));
            return;
        }
        if (!"false".equals(source.path("Configuration").path("DetectChanges").asText())) {
            v.add(new Violation(id, "the source action's DetectChanges is not false; the webhook starts executions on the exact commit"));
        }
        for (var fn : Cfn.resourcesOfType(samTemplate, "AWS::Serverless::Function").entrySet()) {
            JsonNode name = Cfn.properties(fn.getValue()).path("Environment").path("Variables").path("SOURCE_ACTION_NAME");
            if (!name.isMissingNode() && !name.asText().equals(source.path("Name").asText())) {
                v.add(new Violation(fn.getKey(), "SOURCE_ACTION_NAME " + name + " is not the source action's name '"
                        + source.path("Name").asText() + "'"));
            }
        }
    }

    /** The gate's pipelineName is the pipeline's Name, substituted by CloudFormation (never a #{...} variable). */
    private static void pipelineName(String id, String text, JsonNode subVariables, JsonNode pipelineName, List<Violation> v) {
        Matcher m = Pattern.compile("\"pipelineName\":\"\\$\\{([A-Za-z0-9]+)}\"").matcher(text);
        if (!m.find() || !subVariables.path(m.group(1)).equals(pipelineName) || pipelineName.isMissingNode()) {
            v.add(new Violation(id, "security gate UserParameters' pipelineName is not the pipeline's Name substituted by !Sub"));
        }
    }

    private static void gate(String id, List<JsonNode> stages, JsonNode pipelineName, List<Violation> v) {
        String sourceOutput = stages.isEmpty() ? "" : stages.get(0).at("/Actions/0/OutputArtifacts/0/Name").asText();
        for (JsonNode stage : stages) {
            for (JsonNode action : Cfn.alternatives(stage.path("Actions"))) {
                if (!"Lambda".equals(action.path("ActionTypeId").path("Provider").asText())) {
                    continue;
                }
                // the scan gate reads the policy file from its first input artifact
                if (!sourceOutput.equals(action.at("/InputArtifacts/0/Name").asText())) {
                    v.add(new Violation(id, "the security gate's first input artifact is not the source output " + sourceOutput
                            + " (it holds the policy file)"));
                }
                for (JsonNode variant : Cfn.alternatives(action.path("Configuration").path("UserParameters"))) {
                    JsonNode sub = variant.path("Fn::Sub");
                    String text = sub.isArray() ? sub.path(0).asText() : sub.isMissingNode() ? variant.asText() : sub.asText();
                    pipelineName(id, text, sub.path(1), pipelineName, v);
                    // ${Resource} placeholders become a plain value so the JSON can be parsed as the gate will.
                    String resolved = text.replaceAll("\\$\\{[A-Za-z0-9:.]+}", "placeholder");
                    try {
                        JsonNode params = MAPPER.readTree(resolved);
                        Set<String> missing = new LinkedHashSet<>(GATE_KEYS);
                        params.fieldNames().forEachRemaining(missing::remove);
                        if (!missing.isEmpty()) {
                            v.add(new Violation(id, "security gate UserParameters lack " + missing));
                        }
                        if (resolved.length() > 1000) {
                            v.add(new Violation(id, "security gate UserParameters exceed CodePipeline's 1000 characters"));
                        }
                    } catch (Exception e) {
                        v.add(new Violation(id, "security gate UserParameters are not JSON: " + e.getMessage()));
                    }
                }
            }
        }
    }

    private static Set<String> exportedBuildVariables(JsonNode samTemplate) {
        Set<String> names = new TreeSet<>();
        for (JsonNode project : Cfn.resourcesOfType(samTemplate, "AWS::CodeBuild::Project").values()) {
            for (JsonNode spec : Cfn.alternatives(Cfn.properties(project).path("Source").path("BuildSpec"))) {
                String text = spec.asText("");
                int start = text.indexOf("exported-variables:");
                if (start < 0) {
                    continue;
                }
                for (String line : text.substring(start).split("\n")) {
                    Matcher m = Pattern.compile("^\\s*-\\s*([A-Za-z0-9_]+)\\s*$").matcher(line);
                    if (m.matches()) {
                        names.add(m.group(1));
                    } else if (!line.contains("exported-variables:")) {
                        break;
                    }
                }
            }
        }
        return names;
    }

    private static Set<String> refs(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
