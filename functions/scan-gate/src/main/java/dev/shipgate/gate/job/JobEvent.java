package dev.shipgate.gate.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The CodePipeline Lambda invoke event, {@code {"CodePipeline.job": {...}}}. aws-lambda-java-events has no class
 * for it, so these records are read with the project's own mapper (unknown members ignored).
 */
public record JobEvent(@JsonProperty("CodePipeline.job") Job job) {

    public record Job(String id, String accountId, Data data) {
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
}
