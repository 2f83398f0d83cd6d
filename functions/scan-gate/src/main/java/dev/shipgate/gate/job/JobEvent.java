package dev.shipgate.gate.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.shipgate.shared.json.JsonTree;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CodePipeline Lambda invoke event, {@code {"CodePipeline.job": {...}}}. aws-lambda-java-events has no class
 * for it, and an ObjectMapper would cost about 100 ms of cold start, so these records are read from the JSON tree
 * here, as leniently as the mapper read them: unknown members are ignored, missing or null ones are null, numbers
 * and booleans are accepted as text, and any other shape is a {@link MismatchedInputException}.
 */
public record JobEvent(Job job) {

    public static JobEvent read(InputStream json) throws IOException {
        JsonNode root = JsonTree.parse(json);
        if (!root.isObject()) {
            throw mismatch(root.isMissingNode() ? "the event is empty" : "the event is not a JSON object");
        }
        return new JobEvent(job(root.path("CodePipeline.job")));
    }

    /**
     * @param malformed what is wrong with the event below a readable job id (a member of the wrong type), or null; such
     *                  a job still gets its one failure result instead of hanging until the action times out
     */
    public record Job(String id, String accountId, Data data, String malformed) {
    }

    public record Data(ActionConfiguration actionConfiguration, List<Artifact> inputArtifacts,
                       ArtifactCredentials artifactCredentials, String continuationToken) {

        public String userParameters() {
            if (actionConfiguration == null || actionConfiguration.configuration() == null) {
                return null;
            }
            return actionConfiguration.configuration().get("UserParameters");
        }

        public List<Artifact> artifacts() {
            return inputArtifacts == null ? List.of() : inputArtifacts;
        }
    }

    public record ActionConfiguration(Map<String, String> configuration) {
    }

    public record Artifact(String name, String revision, Location location) {

        public String bucket() {
            return location == null || location.s3Location() == null ? null : location.s3Location().bucketName();
        }

        public String key() {
            return location == null || location.s3Location() == null ? null : location.s3Location().objectKey();
        }
    }

    public record Location(String type, S3Location s3Location) {
    }

    public record S3Location(String bucketName, String objectKey) {
    }

    /** Temporary credentials CodePipeline hands the action for its artifacts. Never printed. */
    public record ArtifactCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        @Override
        public String toString() {
            return "ArtifactCredentials[redacted]";
        }
    }

    private static Job job(JsonNode json) throws MismatchedInputException {
        if (absent(json, "CodePipeline.job")) {
            return null;
        }
        String id = text(json, "id");
        try {
            return new Job(id, text(json, "accountId"), data(json.path("data")), null);
        } catch (MismatchedInputException e) {
            if (id == null || id.isBlank()) {
                throw e;
            }
            return new Job(id, null, null, e.getOriginalMessage());
        }
    }

    private static Data data(JsonNode json) throws MismatchedInputException {
        if (absent(json, "data")) {
            return null;
        }
        return new Data(actionConfiguration(json.path("actionConfiguration")), artifacts(json.path("inputArtifacts")),
                credentials(json.path("artifactCredentials")), text(json, "continuationToken"));
    }

    private static ActionConfiguration actionConfiguration(JsonNode json) throws MismatchedInputException {
        if (absent(json, "actionConfiguration")) {
            return null;
        }
        JsonNode configuration = json.path("configuration");
        if (absent(configuration, "configuration")) {
            return new ActionConfiguration(null);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<String> names = configuration.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            values.put(name, text(configuration, name));
        }
        return new ActionConfiguration(values);
    }

    private static List<Artifact> artifacts(JsonNode json) throws MismatchedInputException {
        if (json.isMissingNode() || json.isNull()) {
            return null;
        }
        if (!json.isArray()) {
            throw mismatch("inputArtifacts is not a list");
        }
        List<Artifact> artifacts = new ArrayList<>(json.size());
        for (JsonNode artifact : json) {
            artifacts.add(artifact(artifact));
        }
        return artifacts;
    }

    private static Artifact artifact(JsonNode json) throws MismatchedInputException {
        if (absent(json, "inputArtifacts[]")) {
            return null;
        }
        return new Artifact(text(json, "name"), text(json, "revision"), location(json.path("location")));
    }

    private static Location location(JsonNode json) throws MismatchedInputException {
        if (absent(json, "location")) {
            return null;
        }
        JsonNode s3 = json.path("s3Location");
        S3Location s3Location = absent(s3, "s3Location") ? null : new S3Location(text(s3, "bucketName"), text(s3, "objectKey"));
        return new Location(text(json, "type"), s3Location);
    }

    private static ArtifactCredentials credentials(JsonNode json) throws MismatchedInputException {
        if (absent(json, "artifactCredentials")) {
            return null;
        }
        return new ArtifactCredentials(text(json, "accessKeyId"), text(json, "secretAccessKey"), text(json, "sessionToken"));
    }

    /** Missing or null; anything else must be an object. */
    private static boolean absent(JsonNode json, String name) throws MismatchedInputException {
        if (json.isMissingNode() || json.isNull()) {
            return true;
        }
        if (!json.isObject()) {
            throw mismatch(name + " is not an object");
        }
        return false;
    }

    private static String text(JsonNode object, String name) throws MismatchedInputException {
        JsonNode value = object.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw mismatch(name + " is not a text");
        }
        return value.asText();
    }

    private static MismatchedInputException mismatch(String problem) {
        return MismatchedInputException.from((JsonParser) null, JobEvent.class, "Not a CodePipeline job event: " + problem);
    }
}
