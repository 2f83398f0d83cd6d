package dev.shipgate.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.gate.aws.EcrScanReader;
import dev.shipgate.gate.aws.JobReporter;
import dev.shipgate.gate.aws.S3ArtifactReader;
import dev.shipgate.gate.aws.S3ReportStore;
import dev.shipgate.gate.aws.SnsVerdictPublisher;
import dev.shipgate.shared.log.JsonLog;
import dev.shipgate.testing.CodePipelineStandIn;
import dev.shipgate.testing.Events;
import dev.shipgate.testing.Json;
import dev.shipgate.testing.MotoServer;
import dev.shipgate.testing.TestClients;
import dev.shipgate.testing.TestContext;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Everything a handler test needs: moto_server for ECR, S3 (artifacts), SNS (verdicts, read back through an SQS
 * subscription), the CodePipeline stand-in for the job API, and the handler wired with real SDK clients.
 */
final class TestBed implements AutoCloseable {

    static final String REPOSITORY = "shipgate-demo";
    static final String REPOSITORY_URI = "123456789012.dkr.ecr.us-east-1.amazonaws.com/" + REPOSITORY;
    static final String DIGEST = "sha256:0ad4deece186aaa3053559f195b9c42ba100b66d359165cdb257498bd97d0f96";
    static final String TAG = "9fceb02";
    static final String BUCKET = "shipgate-demo-artifacts-123456789012";
    static final String SOURCE_KEY = "shipgate-demo-pipe/SourceOutp/Xk3f9Qa.zip";
    static final String BUILD_KEY = "shipgate-demo-pipe/BuildOutpu/Rt7mL2c.zip";
    /** 10 minutes after the wait recorded in events/scan-gate/job-continuation.json began. */
    static final Instant NOW = Instant.parse("2026-11-27T22:10:00Z");
    static final Timing FAST = new Timing(Duration.ZERO, Duration.ZERO, 2);

    final MotoServer moto = MotoServer.shared();
    final CodePipelineStandIn codePipeline = new CodePipelineStandIn().start();
    final TestContext context = new TestContext(60_000);
    final JsonLog log = new JsonLog("scan-gate", context.logger());
    final EcrClient ecr = TestClients.local(EcrClient.builder(), moto.endpoint());
    final S3Client s3 = s3(moto, AwsSessionCredentials.create("testing", "testing", "testing"));
    final SnsClient sns = TestClients.local(SnsClient.builder(), moto.endpoint());
    final SqsClient sqs = TestClients.local(SqsClient.builder(), moto.endpoint());
    final CodePipelineClient codePipelineClient = TestClients.local(CodePipelineClient.builder(), codePipeline.endpoint());
    final String topicArn;
    final String queueUrl;
    final List<Integer> sleeps = new ArrayList<>();
    /** The stack's SCAN_REPORT_PATH for handlers built after it is set (null: the gate judges ECR's scan). */
    String scanReportPath;
    /** The stack's ALLOW_UNSUPPORTED_IMAGE for handlers built after it is set. */
    boolean allowUnsupportedImage;

    TestBed() {
        moto.reset();
        topicArn = sns.createTopic(b -> b.name("shipgate-verdicts")).topicArn();
        queueUrl = sqs.createQueue(b -> b.queueName("verdicts")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn).attributes(Map.of("RawMessageDelivery", "true")));
        s3.createBucket(b -> b.bucket(BUCKET));
        putArtifact(SOURCE_KEY, Map.of("README.md", "demo app\n"));
        putArtifact(BUILD_KEY, Map.of("imagedefinitions.json", "[]"));
    }

    static S3Client s3(MotoServer moto, AwsSessionCredentials credentials) {
        return S3Client.builder().endpointOverride(moto.endpoint()).region(TestClients.REGION).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    // ----- ECR on moto -----

    /**
     * Repository (scan on push, as template.yaml creates it) plus the image the build pushed; {@code scanned} starts a
     * scan so findings can be queued. moto does not scan on push itself, so without one the scan stays "not found".
     */
    void pushImage(boolean scanned) {
        pushImage(scanned, true);
    }

    void pushImage(boolean scanned, boolean scanOnPush) {
        ecr.createRepository(b -> b.repositoryName(REPOSITORY).imageScanningConfiguration(c -> c.scanOnPush(scanOnPush)));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1469,"
                + "\"digest\":\"sha256:" + sha256("config") + "\"},\"layers\":[]}";
        ecr.putImage(b -> b.repositoryName(REPOSITORY).imageManifest(manifest).imageDigest(DIGEST).imageTag(TAG));
        if (scanned) {
            ecr.startImageScan(b -> b.repositoryName(REPOSITORY).imageId(i -> i.imageDigest(DIGEST)));
        }
    }

    /** The image a scanner report names, pushed without a scan: a report is judged only for an image of the repository. */
    void pushReportedImage(String digest) {
        try {
            ecr.createRepository(b -> b.repositoryName(REPOSITORY));
        } catch (RepositoryAlreadyExistsException alreadyThere) {
            // the test pushed another image first
        }
        ecr.putImage(b -> b.repositoryName(REPOSITORY).imageManifest(ociManifest(digest)).imageDigest(digest));
    }

    /** An OCI image manifest to store under {@code digest} (moto does not check that the two match). */
    static String ociManifest(String digest) {
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                + "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":241,\"digest\":\"sha256:"
                + sha256(digest) + "\"},\"layers\":[]}";
    }

    void queueScan(String describeResponseJson) {
        moto.queueEcrScanFindings("[" + describeResponseJson + "]");
    }

    // ----- artifacts -----

    void putArtifact(String key, Map<String, String> files) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(zip(files)));
    }

    static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    void policy(String yaml) {
        putArtifact(SOURCE_KEY, Map.of("README.md", "demo app\n", ".shipgate/policy.yaml", yaml));
    }

    // ----- the handler -----

    ScanGateConfig config() {
        return new ScanGateConfig("HIGH", 30, topicArn, ".shipgate/policy.yaml", "HIGH", REPOSITORY_URI, BUCKET, scanReportPath, allowUnsupportedImage);
    }

    ScanGateHandler handler(EcrClient ecrClient, Timing timing, String notifyTopicArn) {
        return handler(ecrClient, timing, notifyTopicArn, REPOSITORY_URI);
    }

    /** A gate whose stack owns another repository (the gate judges only its own). */
    ScanGateHandler handlerFor(String repository) {
        return handler(ecr, FAST, topicArn, "123456789012.dkr.ecr.us-east-1.amazonaws.com/" + repository);
    }

    /** A gate that writes its findings reports to {@code reportBucket} (one that does not exist makes every write fail). */
    ScanGateHandler handlerReportingTo(String reportBucket) {
        return handler(ecr, FAST, topicArn, REPOSITORY_URI, reportBucket);
    }

    private ScanGateHandler handler(EcrClient ecrClient, Timing timing, String notifyTopicArn, String repositoryUri) {
        return handler(ecrClient, timing, notifyTopicArn, repositoryUri, BUCKET);
    }

    private ScanGateHandler handler(EcrClient ecrClient, Timing timing, String notifyTopicArn, String repositoryUri, String reportBucket) {
        ScanGateConfig config = new ScanGateConfig("HIGH", 30, notifyTopicArn, ".shipgate/policy.yaml", "HIGH", repositoryUri, reportBucket,
                scanReportPath, allowUnsupportedImage);
        S3Client functionS3 = s3(moto, AwsSessionCredentials.create("function-role", "function-role", "function-role"));
        GateService service = new GateService(new EcrScanReader(ecrClient), new S3ArtifactReader(functionS3),
                new SnsVerdictPublisher(sns, notifyTopicArn), new S3ReportStore(functionS3, reportBucket), config, timing, Clock.fixed(NOW, ZoneOffset.UTC),
                d -> sleeps.add((int) d.toMillis()), log);
        return new ScanGateHandler(service, new JobReporter(codePipelineClient, log), log, new GatePriming(() -> new SyntheticJobs.Ran(List.of(), 0), log));
    }

    ScanGateHandler handler() {
        return handler(ecr, FAST, topicArn);
    }

    void invoke(ScanGateHandler handler, String eventJson) {
        handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), context);
    }

    // ----- events -----

    static String event(String scenario) {
        return Events.read("scan-gate", scenario);
    }

    /** A sample event with its UserParameters edited. */
    static String event(String scenario, Consumer<ObjectNode> editParameters) {
        return editJob(scenario, job -> {
            ObjectNode configuration = (ObjectNode) job.path("data").path("actionConfiguration").path("configuration");
            try {
                ObjectNode params = (ObjectNode) Json.MAPPER.readTree(configuration.path("UserParameters").asText());
                editParameters.accept(params);
                configuration.put("UserParameters", params.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static String editJob(String scenario, Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(event(scenario));
            edit.accept((ObjectNode) root.path("CodePipeline.job"));
            return root.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String jobId(String eventJson) {
        try {
            return Json.MAPPER.readTree(eventJson).path("CodePipeline.job").path("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same job event as a CodePipeline re-invocation: a new job id and the given continuation token. */
    static String continuation(String eventJson, String newJobId, String token) {
        try {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(eventJson);
            ObjectNode job = (ObjectNode) root.path("CodePipeline.job");
            job.put("id", newJobId);
            ((ObjectNode) job.path("data")).put("continuationToken", token);
            return root.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ----- what came out -----

    /** The single accepted job result for a job; fails the test if there is not exactly one. */
    CodePipelineStandIn.Call onlyResult(String jobId) {
        List<CodePipelineStandIn.Call> results = codePipeline.jobResults(jobId);
        if (results.size() != 1) {
            throw new AssertionError("expected exactly one accepted job result for " + jobId + ", got " + results
                    + "; all calls: " + codePipeline.calls() + "; logs:\n" + context.allLogs());
        }
        return results.getFirst();
    }

    /** Verdicts published to the notify topic so far. */
    List<JsonNode> verdicts() {
        List<JsonNode> out = new ArrayList<>();
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
        for (Message message : messages) {
            try {
                out.add(Json.MAPPER.readTree(message.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    JsonNode onlyVerdict() {
        List<JsonNode> verdicts = verdicts();
        if (verdicts.size() != 1) {
            throw new AssertionError("expected one published verdict, got " + verdicts);
        }
        return verdicts.getFirst();
    }

    JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        codePipeline.close();
    }
}
