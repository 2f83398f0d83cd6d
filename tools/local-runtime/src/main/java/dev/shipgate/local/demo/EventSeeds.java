package dev.shipgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipgate.local.emulators.LocalAws;
import dev.shipgate.local.runtime.FunctionSpec;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * For {@code invoke}: creates in the local AWS what a sample event refers to, so the function can
 * do its real work on it. For a scan-gate job: the ECR repository and image (scanned; moto then
 * reports its default finding, CVE-9999-9999 HIGH, unless findings were queued) and the input
 * artifacts (the sample policy in the source artifact, the sample Clair report where the job
 * names one). Returns one line per thing created.
 */
public final class EventSeeds {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventSeeds() {
    }

    public static List<String> seed(Path root, FunctionSpec spec, byte[] event, LocalAws aws) {
        JsonNode job;
        try {
            job = MAPPER.readTree(event).path("CodePipeline.job");
        } catch (IOException notJson) {
            return List.of();
        }
        if (job.isMissingNode()) {
            return List.of();
        }
        List<String> created = new ArrayList<>();
        JsonNode params;
        try {
            params = MAPPER.readTree(job.at("/data/actionConfiguration/configuration/UserParameters").asText("{}"));
        } catch (IOException invalid) {
            return List.of();
        }
        String repository = params.path("repository").asText(null);
        String digest = params.path("imageDigest").asText(null);
        String tag = params.path("imageTag").asText(null);
        if (repository != null && (digest != null || tag != null)) {
            try {
                aws.ecr().createRepository(b -> b.repositoryName(repository));
            } catch (RepositoryAlreadyExistsException exists) {
                // seeded before
            } catch (RuntimeException invalidName) {
                return created;
            }
            String manifest = Images.manifest(digest + tag);
            String imageDigest = digest != null ? digest : Images.sha256(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try {
                aws.ecr().putImage(b -> b.repositoryName(repository).imageManifest(manifest).imageDigest(imageDigest).imageTag(tag));
                aws.ecr().startImageScan(b -> b.repositoryName(repository).imageId(i -> i.imageDigest(imageDigest)));
                created.add("local ECR: image " + repository + "@" + imageDigest + " pushed and scanned (moto's default finding: CVE-9999-9999 HIGH)");
            } catch (RuntimeException e) {
                created.add("local ECR: could not seed the image: " + e.getMessage());
            }
        }
        String policyPath = spec.environment().getOrDefault("POLICY_FILE_PATH", ".shipgate/policy.yaml");
        String reportPath = spec.environment().getOrDefault("SCAN_REPORT_PATH", "");
        String clairPath = reportPath.isBlank() ? null : reportPath;
        boolean first = true;
        for (JsonNode artifact : job.at("/data/inputArtifacts")) {
            String bucket = artifact.at("/location/s3Location/bucketName").asText(null);
            String key = artifact.at("/location/s3Location/objectKey").asText(null);
            if (bucket == null || key == null) {
                continue;
            }
            Path sample = first ? root.resolve("events/scan-gate/policy-example.yaml") : root.resolve("events/scan-gate/clair-report.json");
            String entry = first ? policyPath : clairPath;
            first = false;
            if (entry == null || !Files.isRegularFile(sample) || exists(aws, bucket, key)) {
                continue;
            }
            try {
                aws.s3().createBucket(b -> b.bucket(bucket));
            } catch (RuntimeException alreadyThere) {
                // a second artifact in the same bucket
            }
            aws.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(zip(entry, sample)));
            created.add("local S3: s3://" + bucket + "/" + key + " holding " + entry + " (from " + root.relativize(sample) + ")");
        }
        return created;
    }

    private static boolean exists(LocalAws aws, String bucket, String key) {
        try {
            aws.s3().headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (RuntimeException noBucket) {
            return false;
        }
    }

    private static byte[] zip(String entry, Path content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(Files.readAllBytes(content));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
