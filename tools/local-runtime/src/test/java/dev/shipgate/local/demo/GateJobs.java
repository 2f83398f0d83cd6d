package dev.shipgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.testing.CodePipelineStandIn;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stages a corpus scanner report or DescribeImageScanFindings answer in the local AWS the way a pipeline run would
 * leave it, builds the SecurityGate job that judges it, and checks the one job result. The source artifact holds no
 * policy file, so the stack's defaults apply (FailOnSeverity HIGH).
 */
final class GateJobs {

    /** Where a stack with ClairReport=Enabled has its gate read the report (SCAN_REPORT_PATH). */
    static final String REPORT_PATH = "reports/clair.json";
    private static final Map<String, String> SOURCE_FILES = Map.of("README.md", "# hello-shipgate\n");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8";

    /** What the gate must answer for a corpus file, and why. */
    record Expected(boolean passes, String failureType, String why) {

        static Map.Entry<String, Expected> pass(String file, String why) {
            return Map.entry(file, new Expected(true, null, why));
        }

        static Map.Entry<String, Expected> fail(String file, String type, String why) {
            return Map.entry(file, new Expected(false, type, why));
        }
    }

    private GateJobs() {
    }

    /** A job whose build output artifact holds the report where {@link ShipgateWorld#GATE_CLAIR_REPORT} reads it. */
    static byte[] reportJob(ShipgateWorld world, String file, String jobId) {
        String digest = reportDigest(RealPayloads.json(file));
        String executionId = UUID.randomUUID().toString();
        String imageDigest = digest != null ? pushed(world, digest) : world.pushScannedImage("corpus-" + executionId.substring(0, 8), List.of());
        ObjectNode event = job(world, jobId, executionId, imageDigest, params -> { });
        ArrayNode inputs = (ArrayNode) event.at("/CodePipeline.job/data/inputArtifacts");
        String bucket = inputs.path(0).at("/location/s3Location/bucketName").asText();
        String buildKey = world.pipelineName() + "/BuildOutpu/" + executionId.substring(0, 7);
        world.aws().s3().putObject(b -> b.bucket(bucket).key(buildKey), RequestBody.fromBytes(zip(REPORT_PATH, RealPayloads.bytes(file))));
        ObjectNode build = inputs.addObject();
        build.put("name", "BuildArtifact");
        build.putNull("revision");
        build.putObject("location").put("type", "S3").putObject("s3Location").put("bucketName", bucket).put("objectKey", buildKey);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The image a report names, in the stack's repository: the gate judges a report only for an image there. */
    private static String pushed(ShipgateWorld world, String digest) {
        try {
            world.aws().ecr().putImage(b -> b.repositoryName(world.repository()).imageManifest(Images.manifest(digest)).imageDigest(digest));
        } catch (ImageAlreadyExistsException pushedForAnotherReport) {
            // several corpus reports describe the same image
        }
        return digest;
    }

    /**
     * A job for an image of the stack's repository while moto answers DescribeImageScanFindings for it with the
     * published answer: its findings, counts and status as published, its repositoryName and imageId re-aimed at that
     * image (the gate judges only its own stack's repository).
     */
    static byte[] scanAnswerJob(ShipgateWorld world, String file, String jobId) {
        ObjectNode answer = (ObjectNode) RealPayloads.json(file);
        String tag = answer.at("/imageId/imageTag").asText("corpus-" + jobId.substring(0, 8));
        String manifest = Images.manifest(file + jobId);
        String digest = Images.sha256(manifest.getBytes(StandardCharsets.UTF_8));
        world.aws().ecr().putImage(b -> b.repositoryName(world.repository()).imageManifest(manifest).imageDigest(digest).imageTag(tag));
        answer.put("repositoryName", world.repository());
        answer.putObject("imageId").put("imageDigest", digest).put("imageTag", tag);
        answer.remove("registryId");
        world.aws().moto().queueEcrScanFindings("[" + answer + "]");
        return job(world, jobId, UUID.randomUUID().toString(), digest, params -> { }).toString().getBytes(StandardCharsets.UTF_8);
    }

    static void assertVerdict(ShipgateWorld world, String file, Expected expected, String jobId, InvokeResult result) {
        assertThat(result.error()).as(result.payload()).isFalse();
        List<CodePipelineStandIn.Call> results = world.aws().codePipeline().jobResults(jobId);
        assertThat(results).as(file).singleElement().satisfies(call -> {
            String described = file + " (" + expected.why() + "): " + call.request();
            if (expected.passes()) {
                assertThat(call.operation()).as(described).isEqualTo("PutJobSuccessResult");
                assertThat(call.request().has("continuationToken")).as(described).isFalse();
            } else {
                assertThat(call.operation()).as(described).isEqualTo("PutJobFailureResult");
                assertThat(call.request().at("/failureDetails/type").asText()).as(described).isEqualTo(expected.failureType());
            }
        });
    }

    private static ObjectNode job(ShipgateWorld world, String jobId, String executionId, String imageDigest,
                                  Consumer<ObjectNode> editParameters) {
        ObjectNode event = (ObjectNode) json(world.gateJob(jobId, executionId, world.uploadSourceArtifact(executionId, SOURCE_FILES),
                imageDigest, COMMIT));
        ObjectNode configuration = (ObjectNode) event.at("/CodePipeline.job/data/actionConfiguration/configuration");
        ObjectNode params = (ObjectNode) json(configuration.path("UserParameters").asText().getBytes(StandardCharsets.UTF_8));
        editParameters.accept(params);
        configuration.put("UserParameters", params.toString());
        return event;
    }

    /** The image digest a report names: Clair's manifest_hash, Trivy's RepoDigests or ImageID, Grype's manifestDigest. */
    private static String reportDigest(JsonNode report) {
        for (String candidate : List.of(report.path("manifest_hash").asText(""), report.at("/Metadata/RepoDigests/0").asText(""),
                report.at("/Metadata/ImageID").asText(""), report.at("/source/target/manifestDigest").asText(""))) {
            Matcher digest = DIGEST.matcher(candidate);
            if (digest.find()) {
                return digest.group();
            }
        }
        return null;
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return RealPayloads.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] zip(String entry, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
