package dev.shipgate.gate.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.gate.finding.Severity;
import dev.shipgate.shared.json.JsonTree;

import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The action's {@code UserParameters} JSON. Strict: an unknown or repeated key or an unresolved {@code #{...}} variable
 * is a ConfigurationError naming it, because a typo here would otherwise gate the wrong image or nothing at all.
 * {@code policyFile} and {@code scanReport} are read only to be compared with the stack's own settings.
 */
public record UserParameters(String repository, String imageDigest, String imageTag, String pipelineName,
                             String pipelineExecutionId, String failOnSeverity, String policyFile, String scanReport) {

    /** {@code clairReport} is the older name of {@code scanReport}, kept so existing pipelines keep working. */
    static final Set<String> KEYS = Set.of("repository", "imageDigest", "imageTag", "pipelineName", "pipelineExecutionId",
            "failOnSeverity", "policyFile", "scanReport", "clairReport");
    private static final Pattern REPOSITORY = Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,299}");
    static final String EXAMPLE = "{\"repository\":\"my-app\",\"imageDigest\":\"#{BuildVariables.IMAGE_DIGEST}\","
            + "\"pipelineName\":\"my-app-pipeline\",\"pipelineExecutionId\":\"#{codepipeline.PipelineExecutionId}\"}";

    public static UserParameters parse(String json) {
        if (json == null || json.isBlank()) {
            throw config("UserParameters is empty; set it to a JSON object like " + EXAMPLE);
        }
        JsonNode root;
        try {
            root = JsonTree.parse(json);
        } catch (IOException e) {
            throw config("UserParameters is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "); expected an object like " + EXAMPLE);
        }
        if (root == null || !root.isObject()) {
            throw config("UserParameters must be a JSON object like " + EXAMPLE);
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw config("UserParameters has an unknown key '" + name + "' (allowed: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String repository = text(root, "repository");
        if (repository == null) {
            throw config("UserParameters.repository is required: the ECR repository name the build pushed to");
        }
        if (repository.length() < 2 || repository.length() > 256 || !REPOSITORY.matcher(repository).matches()) {
            throw config("UserParameters.repository '" + repository + "' is not an ECR repository name (lower-case, 2-256 characters; a name, not a URI)");
        }
        String digest = text(root, "imageDigest");
        String tag = text(root, "imageTag");
        if (digest != null && !DIGEST.matcher(digest).matches()) {
            throw config("UserParameters.imageDigest '" + digest + "' is not a digest like sha256:<64 hex characters>");
        }
        if (digest == null && tag == null) {
            throw config("UserParameters needs imageDigest (preferred, e.g. #{BuildVariables.IMAGE_DIGEST}) or imageTag");
        }
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw config("UserParameters.imageTag '" + tag + "' is not a valid image tag");
        }
        String failOn = text(root, "failOnSeverity");
        if (failOn != null) {
            failOn = Severity.normalize(failOn);
            if (!Severity.isThreshold(failOn)) {
                throw config("UserParameters.failOnSeverity '" + root.path("failOnSeverity").asText() + "' is not one of " + Severity.ORDERED);
            }
        }
        String scanReport = path(root, "scanReport");
        String clairReport = path(root, "clairReport");
        if (scanReport != null && clairReport != null) {
            throw config("UserParameters has both scanReport and clairReport; give one (scanReport reads Clair, Trivy and Grype JSON)");
        }
        return new UserParameters(repository, digest, tag, text(root, "pipelineName"), text(root, "pipelineExecutionId"),
                failOn, path(root, "policyFile"), scanReport != null ? scanReport : clairReport);
    }

    private static String path(JsonNode root, String key) {
        String value = text(root, key);
        if (value != null && (value.contains("..") || value.startsWith("/"))) {
            throw config("UserParameters." + key + " '" + value + "' must be a relative path inside the artifact");
        }
        return value;
    }

    private static String text(JsonNode root, String key) {
        JsonNode value = root.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw config("UserParameters." + key + " must be a string");
        }
        String text = value.asText().trim();
        if (text.contains("#{")) {
            throw config("UserParameters." + key + " still holds an unresolved variable '" + text
                    + "': check the variable namespace and that the producing action exports it");
        }
        return text.isEmpty() ? null : text;
    }

    private static GateFailure config(String message) {
        return new GateFailure(FailureType.ConfigurationError, message);
    }
}
