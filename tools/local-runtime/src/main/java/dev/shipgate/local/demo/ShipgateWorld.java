package dev.shipgate.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.local.api.HttpApiEvents;
import dev.shipgate.local.emulators.LocalAws;
import dev.shipgate.local.runtime.FunctionSpec;
import dev.shipgate.local.runtime.InvokeResult;
import dev.shipgate.local.runtime.LocalFunction;
import dev.shipgate.local.template.LocalParams;
import dev.shipgate.local.template.Resolver;
import dev.shipgate.local.template.SamTemplate;
import dev.shipgate.testing.TestClients;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * shipgate's three functions from template.yaml, running in the local runtime against the local
 * AWS, plus what a deployed stack would hold: the image repository with scanned images, the
 * pipeline's artifact bucket with a source artifact, and a queue subscribed to the verdict topic.
 */
public final class ShipgateWorld implements AutoCloseable {

    public static final String WEBHOOK = "github-webhook";
    public static final String GATE = "scan-gate";
    public static final String NOTIFIER = "slack-notifier";
    /** The notifier as a stack in Slack Web API mode runs it (bot token and channel, no webhook): a thread per execution. */
    public static final String NOTIFIER_WEB_API = "slack-notifier-web-api";
    /** The stack parameters of the Web API mode; the bot token secret is seeded with the stand-in's token. */
    public static final Map<String, String> WEB_API_PARAMETERS = Map.of("SlackWebhookUrl", "", "SlackWebhookSecretArn", "",
            "SlackBotTokenSecretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:shipgate-local-slack-bot-AbCdEf",
            "SlackChannel", dev.shipgate.testing.SlackWebApiStandIn.CHANNEL);
    /** The gate of a stack with ClairReport=Enabled: it judges the build's report at SCAN_REPORT_PATH instead of ECR's scan. */
    public static final String GATE_CLAIR_REPORT = "scan-gate-clair-report";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LocalAws aws;
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final Map<String, String> missing = new LinkedHashMap<>();
    private final SqsClient sqs;
    private final String repository;
    private final String bucket;
    private final String topicArn;
    private final String queueUrl;
    private final String pipelineName;
    private final String githubRepository;
    private final String branch;
    private final SamTemplate template;
    private final Path root;
    private final LocalParams params;
    private final Path workDir;
    private final boolean snapStart;
    private final Consumer<String> functionLogs;
    private final List<LocalFunction> variants = new ArrayList<>();

    /** The functions run as SnapStart versions do on AWS ({@code snapStart}) or as on-demand instances. */
    public ShipgateWorld(Path root, LocalParams params, Path workDir, boolean snapStart, Consumer<String> functionLogs) {
        this.aws = LocalAws.start();
        this.template = SamTemplate.read(root);
        this.root = root;
        this.params = params;
        this.workDir = workDir;
        this.snapStart = snapStart;
        this.functionLogs = functionLogs;
        for (String name : List.of(WEBHOOK, GATE, NOTIFIER)) {
            try {
                FunctionSpec spec = template.spec(name, params, workDir);
                aws.seed(spec);
                functions.put(name, new LocalFunction(spec.withEnvironment(aws.endpointVariables(spec)), snapStart, List.of(),
                        line -> functionLogs.accept("[" + name + "] " + line)));
            } catch (RuntimeException notBuilt) {
                missing.put(name, notBuilt.getMessage());
            }
        }
        Resolver resolver = new Resolver(template.root(), params, LocalFunction.REGION, LocalFunction.ACCOUNT);
        this.repository = resolver.ref("ImageRepository");
        this.bucket = resolver.ref("ArtifactBucket");
        this.topicArn = resolver.ref("NotifyTopic");
        this.pipelineName = resolver.ref("Pipeline");
        this.githubRepository = params.parameters().get("GitHubOwner") + "/" + params.parameters().get("GitHubRepo");
        this.branch = resolver.ref("GitHubRepoBranch");
        this.sqs = TestClients.local(SqsClient.builder(), aws.moto().endpoint());
        aws.ecr().createRepository(b -> b.repositoryName(repository));
        aws.createBucket(bucket);
        aws.sns().createTopic(b -> b.name(topicArn.substring(topicArn.lastIndexOf(':') + 1)));
        this.queueUrl = sqs.createQueue(b -> b.queueName("shipgate-local-verdicts")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        aws.sns().subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    }

    public LocalAws aws() {
        return aws;
    }

    /** Functions that could not be prepared (not built, not in the template), with the reason. */
    public Map<String, String> missing() {
        return missing;
    }

    public LocalFunction function(String name) {
        if (NOTIFIER_WEB_API.equals(name) && !functions.containsKey(name)) {
            functions.put(name, newWebApiNotifier());
        }
        if (GATE_CLAIR_REPORT.equals(name) && !functions.containsKey(name)) {
            functions.put(name, variant(GATE, Map.of("ClairReport", "Enabled"), GATE_CLAIR_REPORT));
        }
        return functions.get(name);
    }

    /**
     * Another instance of the notifier in Web API mode (what Lambda starts for concurrent events): the template's
     * notifier with the {@link #WEB_API_PARAMETERS}, in the same local account and state table. Closed with the world.
     */
    public LocalFunction newWebApiNotifier() {
        return variant(NOTIFIER, WEB_API_PARAMETERS, NOTIFIER_WEB_API);
    }

    /** The template's function under other stack parameters, in the same local account; closed with the world. */
    private synchronized LocalFunction variant(String function, Map<String, String> changedParameters, String label) {
        Map<String, String> parameters = new LinkedHashMap<>(params.parameters());
        parameters.putAll(changedParameters);
        FunctionSpec spec = template.spec(function, new LocalParams(params.stackName(), parameters, params.resources()), workDir);
        aws.seed(spec);
        int instance = variants.size() + 1;
        LocalFunction variant = new LocalFunction(spec.withEnvironment(aws.endpointVariables(spec)), snapStart, List.of(),
                line -> functionLogs.accept("[" + label + "#" + instance + "] " + line));
        variants.add(variant);
        return variant;
    }

    public String pipelineName() {
        return pipelineName;
    }

    /** The pipeline's artifact bucket (also where the gate writes findings reports). */
    public String artifactBucket() {
        return bucket;
    }

    public String repository() {
        return repository;
    }

    public String githubRepository() {
        return githubRepository;
    }

    public String branch() {
        return branch;
    }

    // ----- GitHub -> webhook -----

    /** An HTTP API v2 event carrying {@code body}, signed with {@code secret} the way GitHub signs deliveries. */
    public byte[] webhookEvent(String deliveryId, String body, String secret) {
        return webhookEvent("push", deliveryId, "application/json", body, secret);
    }

    /** An HTTP API v2 event carrying a delivery of {@code event} with {@code body} sent as {@code contentType}, signed with {@code secret}. */
    public byte[] webhookEvent(String event, String deliveryId, String contentType, String body, String secret) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(contentType));
        headers.put("User-Agent", List.of("GitHub-Hookshot/local"));
        headers.put("X-GitHub-Event", List.of(event));
        headers.put("X-GitHub-Delivery", List.of(deliveryId));
        headers.put("X-GitHub-Hook-ID", List.of("512345678"));
        headers.put("X-Hub-Signature-256", List.of("sha256=" + hmac(secret, body)));
        return HttpApiEvents.request("POST", "/webhook", "", headers, body.getBytes(StandardCharsets.UTF_8), "140.82.115.20")
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A push delivery body: the sample {@code events/github-webhook/push-main.json} body when it exists,
     * with its commit and repository set to this run's; GitHub's documented push payload otherwise.
     */
    public String pushBody(Path root, String sha, String message) {
        ObjectNode body;
        try {
            JsonNode sample = MAPPER.readTree(root.resolve("events/github-webhook/push-main.json").toFile());
            body = (ObjectNode) MAPPER.readTree(sample.path("body").asText());
        } catch (IOException | ClassCastException noSample) {
            body = MAPPER.createObjectNode();
            body.putObject("repository");
            body.putArray("commits").addObject();
            body.putObject("head_commit");
            body.putObject("pusher").put("name", "monalisa").put("email", "mona@example.com");
        }
        String owner = githubRepository.substring(0, githubRepository.indexOf('/'));
        String name = githubRepository.substring(githubRepository.indexOf('/') + 1);
        body.put("ref", "refs/heads/" + branch);
        body.put("before", new StringBuilder(sha).reverse().toString());
        body.put("after", sha);
        body.put("deleted", false);
        ObjectNode repo = (ObjectNode) body.get("repository");
        repo.put("name", name).put("full_name", githubRepository).put("html_url", "https://github.com/" + githubRepository);
        (repo.has("owner") ? (ObjectNode) repo.get("owner") : repo.putObject("owner")).put("login", owner).put("name", owner);
        ObjectNode head = (ObjectNode) body.get("head_commit");
        head.put("id", sha).put("message", message).put("url", "https://github.com/" + githubRepository + "/commit/" + sha);
        JsonNode commits = body.path("commits");
        if (commits.isArray() && !commits.isEmpty()) {
            ((ObjectNode) commits.get(commits.size() - 1)).put("id", sha).put("message", message);
        }
        return body.toString();
    }

    public InvokeResult invoke(String function, byte[] event) {
        LocalFunction target = function(function);
        if (target == null) {
            throw new IllegalStateException(function + " is NOT BUILT: " + missing.get(function));
        }
        return target.invoke(event);
    }

    // ----- ECR, artifacts, gate -----

    /** Pushes an image (tag + explicit digest), runs its scan, and queues the findings ECR will report for it. */
    public String pushScannedImage(String tag, List<Images.Vulnerability> vulnerabilities) {
        String manifest = Images.manifest(tag);
        String digest = Images.sha256(manifest.getBytes(StandardCharsets.UTF_8));
        aws.ecr().putImage(b -> b.repositoryName(repository).imageManifest(manifest).imageTag(tag).imageDigest(digest));
        aws.ecr().startImageScan(b -> b.repositoryName(repository).imageId(i -> i.imageDigest(digest)));
        aws.moto().queueEcrScanFindings("[" + Images.scanResult(repository, digest, vulnerabilities) + "]");
        return digest;
    }

    /** Uploads the source artifact (a zip of the commit's files, as CodePipeline stores it) and returns its key. */
    public String uploadSourceArtifact(String executionId, Map<String, String> files) {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String key = pipelineName + "/SourceArti/" + executionId.substring(0, 7);
        aws.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(zip.toByteArray()));
        return key;
    }

    /** The CodePipeline Lambda invoke event for the SecurityGate action, as CodePipeline sends it. */
    public byte[] gateJob(String jobId, String executionId, String sourceKey, String digest, String commit) {
        ObjectNode userParameters = MAPPER.createObjectNode()
                .put("repository", repository)
                .put("imageDigest", digest)
                .put("pipelineName", pipelineName)
                .put("pipelineExecutionId", executionId);
        ObjectNode event = MAPPER.createObjectNode();
        ObjectNode job = event.putObject("CodePipeline.job");
        job.put("id", jobId);
        job.put("accountId", LocalFunction.ACCOUNT);
        ObjectNode data = job.putObject("data");
        data.putObject("actionConfiguration").putObject("configuration")
                .put("FunctionName", function(GATE).spec().name())
                .put("UserParameters", userParameters.toString());
        ObjectNode source = data.putArray("inputArtifacts").addObject();
        source.put("name", "SourceArtifact");
        source.put("revision", commit);
        source.putObject("location").put("type", "S3").putObject("s3Location").put("bucketName", bucket).put("objectKey", sourceKey);
        data.putArray("outputArtifacts");
        data.putObject("artifactCredentials")
                .put("accessKeyId", "ASIALOCALARTIFACTKEY")
                .put("secretAccessKey", "local-artifact-secret")
                .put("sessionToken", "local-artifact-session")
                .put("expirationTime", System.currentTimeMillis() + 3_600_000);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The verdicts the gate published to the topic since the last call, as SNS delivered them to a queue. */
    public List<JsonNode> drainVerdicts() {
        List<JsonNode> verdicts = new ArrayList<>();
        List<Message> messages;
        do {
            messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            for (Message message : messages) {
                try {
                    verdicts.add(MAPPER.readTree(message.body()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        } while (!messages.isEmpty());
        return verdicts;
    }

    /** SNS's Lambda event for one notification (as the notifier's SNS subscription receives it). */
    public byte[] snsEvent(JsonNode snsEnvelope) {
        ObjectNode event = MAPPER.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", topicArn + ":" + UUID.randomUUID());
        ObjectNode sns = record.putObject("Sns");
        sns.put("Type", "Notification");
        sns.put("MessageId", snsEnvelope.path("MessageId").asText(UUID.randomUUID().toString()));
        sns.put("TopicArn", topicArn);
        if (snsEnvelope.hasNonNull("Subject")) {
            sns.put("Subject", snsEnvelope.get("Subject").asText());
        }
        sns.put("Message", snsEnvelope.path("Message").asText());
        sns.put("Timestamp", snsEnvelope.path("Timestamp").asText());
        sns.put("SignatureVersion", "1");
        sns.put("Signature", "bG9jYWw=");
        sns.put("SigningCertUrl", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-local.pem");
        sns.put("UnsubscribeUrl", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe");
        sns.set("MessageAttributes", snsEnvelope.path("MessageAttributes").isObject()
                ? snsEnvelope.get("MessageAttributes") : MAPPER.createObjectNode());
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ----- pipeline events -----

    /**
     * A CodePipeline state-change event from the sample file, re-aimed at this run's pipeline,
     * execution and commit; the stand-in answers GetPipelineExecution for that execution.
     */
    public byte[] pipelineEvent(Path root, String sample, String executionId, String commit, String message) {
        try {
            ObjectNode event = (ObjectNode) MAPPER.readTree(root.resolve("events/slack-notifier/" + sample).toFile());
            event.put("id", UUID.randomUUID().toString());
            event.put("time", java.time.Instant.now().toString());
            event.putArray("resources").add("arn:aws:codepipeline:" + LocalFunction.REGION + ":" + LocalFunction.ACCOUNT + ":" + pipelineName);
            ObjectNode detail = (ObjectNode) event.get("detail");
            detail.put("pipeline", pipelineName);
            if (detail.has("start-time")) {
                // as if the execution started when the push arrived, a couple of minutes ago
                detail.put("start-time", java.time.Instant.now().minusSeconds(134).toString());
            }
            detail.put("execution-id", executionId);
            if (detail.has("execution-trigger")) {
                ((ObjectNode) detail.get("execution-trigger")).put("commit-id", commit).put("full-repository-name", githubRepository)
                        .put("branch-name", branch).put("commit-message", message).put("trigger-type", "StartPipelineExecution")
                        .put("author-display-name", "Mona Lisa Octocat").put("author-id", "monalisa");
            }
            return event.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("sample event " + sample + " is missing or unreadable", e);
        }
    }

    /**
     * A gate FAIL verdict (as the topic delivered it, else the sample {@code sns-gate-verdict-fail.json}) re-aimed at
     * this run's pipeline and {@code executionId}, as SNS delivers a new message to the notifier.
     */
    public byte[] verdictForExecution(JsonNode deliveredEnvelope, String executionId) {
        try {
            String message = deliveredEnvelope != null ? deliveredEnvelope.path("Message").asText()
                    : MAPPER.readTree(root.resolve("events/slack-notifier/sns-gate-verdict-fail.json").toFile())
                            .at("/Records/0/Sns/Message").asText();
            ObjectNode verdict = (ObjectNode) MAPPER.readTree(message);
            verdict.put("pipelineName", pipelineName).put("pipelineExecutionId", executionId);
            return snsEvent(MAPPER.createObjectNode().put("MessageId", UUID.randomUUID().toString())
                    .put("Message", verdict.toString()).put("Timestamp", java.time.Instant.now().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What GetPipelineExecution answers for an execution the webhook started. */
    public void registerExecution(String executionId, String status, String commit, String message) {
        ObjectNode execution = MAPPER.createObjectNode();
        execution.put("pipelineName", pipelineName);
        execution.put("pipelineVersion", 1);
        execution.put("pipelineExecutionId", executionId);
        execution.put("status", status);
        execution.put("executionMode", "QUEUED");
        execution.put("executionType", "STANDARD");
        ObjectNode revision = execution.putArray("artifactRevisions").addObject();
        revision.put("name", "SourceArtifact");
        revision.put("revisionId", commit);
        revision.put("revisionSummary", MAPPER.createObjectNode().put("ProviderType", "GitHub").put("CommitMessage", message).toString());
        revision.put("revisionUrl", "https://github.com/" + githubRepository + "/commit/" + commit);
        var variables = execution.putArray("variables");
        variables.addObject().put("name", "COMMIT_SHA").put("resolvedValue", commit);
        variables.addObject().put("name", "GIT_REF").put("resolvedValue", "refs/heads/" + branch);
        execution.putObject("trigger").put("triggerType", "StartPipelineExecution")
                .put("triggerDetail", "arn:aws:sts::123456789012:assumed-role/shipgate-local-WebhookFunctionRole/github-webhook");
        aws.codePipeline().withExecution(executionId, execution.toString());
    }

    static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        functions.values().forEach(LocalFunction::close);
        variants.stream().filter(f -> !functions.containsValue(f)).forEach(LocalFunction::close);
        sqs.close();
        aws.close();
    }
}
