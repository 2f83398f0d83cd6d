package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StorageCheckTest {

    @Test
    void expandedTemplate_encryptsAndLocksDownItsStorage() {
        assertThat(StorageCheck.check(Templates.expanded())).isEmpty();
    }

    @Test
    void samTemplate_encryptsAndLocksDownItsStorage() {
        assertThat(StorageCheck.check(Templates.sam())).isEmpty();
    }

    static Stream<Arguments> brokenCopies() {
        return Stream.of(
                broken("bucket without encryption", t -> Mutations.props(t, "ArtifactBucket").remove("BucketEncryption"),
                        "ArtifactBucket: bucket has no default encryption (BucketEncryption.ServerSideEncryptionByDefault)"),
                broken("bucket with public policies allowed",
                        t -> Mutations.object(t, "/Resources/ArtifactBucket/Properties/PublicAccessBlockConfiguration").put("BlockPublicPolicy", false),
                        "ArtifactBucket: public access block BlockPublicPolicy is not true"),
                broken("bucket without expiry", t -> Mutations.props(t, "ArtifactBucket").remove("LifecycleConfiguration"),
                        "ArtifactBucket: bucket has no enabled lifecycle rule that expires objects"),
                broken("bucket without TLS-only policy", t -> ((com.fasterxml.jackson.databind.node.ObjectNode) t.path("Resources")).remove("ArtifactBucketPolicy"),
                        "ArtifactBucket: no bucket policy denies requests without TLS (aws:SecureTransport false)"),
                broken("topic without KMS", t -> Mutations.props(t, "NotifyTopic").remove("KmsMasterKeyId"),
                        "NotifyTopic: topic is not encrypted (no KmsMasterKeyId)"),
                broken("queue without SSE", t -> Mutations.props(t, "PipelineEventsDeadLetterQueue").put("SqsManagedSseEnabled", false),
                        "PipelineEventsDeadLetterQueue: queue is not encrypted (neither KmsMasterKeyId nor SqsManagedSseEnabled: true)"),
                broken("failure queue without SSE", t -> Mutations.props(t, "NotifierFailureQueue").remove("SqsManagedSseEnabled"),
                        "NotifierFailureQueue: queue is not encrypted (neither KmsMasterKeyId nor SqsManagedSseEnabled: true)"),
                broken("table without SSE", t -> Mutations.props(t, "DeliveriesTable").remove("SSESpecification"),
                        "DeliveriesTable: table is not KMS-encrypted (SSESpecification.SSEEnabled is not true)"),
                broken("state table without SSE", t -> Mutations.object(t, "/Resources/NotifierStateTable/Properties/SSESpecification").put("SSEEnabled", false),
                        "NotifierStateTable: table is not KMS-encrypted (SSESpecification.SSEEnabled is not true)"),
                broken("repository without encryption", t -> Mutations.props(t, "ImageRepository").remove("EncryptionConfiguration"),
                        "ImageRepository: repository has no EncryptionConfiguration.EncryptionType (KMS or AES256)"),
                broken("repository without scan on push",
                        t -> Mutations.object(t, "/Resources/ImageRepository/Properties/ImageScanningConfiguration").put("ScanOnPush", false),
                        "ImageRepository: scan on push is off (ImageScanningConfiguration.ScanOnPush is not true)"),
                broken("repository with mutable tags", t -> Mutations.props(t, "ImageRepository").put("ImageTagMutability", "MUTABLE"),
                        "ImageRepository: image tags are mutable (ImageTagMutability is not IMMUTABLE)"),
                broken("repository without lifecycle policy", t -> Mutations.props(t, "ImageRepository").remove("LifecyclePolicy"),
                        "ImageRepository: repository has no lifecycle policy"),
                broken("registry-wide scanning setting",
                        t -> ((com.fasterxml.jackson.databind.node.ObjectNode) t.path("Resources")).set("Scanning", Mutations.json(
                                "{\"Type\":\"AWS::ECR::RegistryScanningConfiguration\",\"Properties\":{\"ScanType\":\"ENHANCED\",\"Rules\":[]}}")),
                        "Scanning: AWS::ECR::RegistryScanningConfiguration changes account-wide registry settings"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCopies")
    void brokenCopy_isReported(String name, Consumer<JsonNode> breakIt, String expected) {
        JsonNode template = Templates.expanded();
        breakIt.accept(template);

        var violations = StorageCheck.check(template);

        assertThat(violations).extracting(Violation::toString).containsExactly(expected);
    }

    private static Arguments broken(String name, Consumer<JsonNode> breakIt, String expected) {
        return Arguments.of(name, breakIt, expected);
    }
}
