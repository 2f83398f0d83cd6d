package dev.shipgate.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.testing.Events;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production wiring, in a fresh JVM: the public constructor reads the environment, builds the SDK
 * clients through AwsClients (endpoints from the SDK's standard AWS_ENDPOINT_URL variables), reads the
 * secret, primes, and then serves a real delivery.
 */
class ColdStartTest {

    private LocalAws aws;

    @BeforeEach
    void start() {
        aws = new LocalAws(LocalAws.SAMPLE_SECRET);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("AWS_ENDPOINT_URL", aws.moto.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_CODEPIPELINE", aws.codePipeline.endpoint().toString());
        env.put(WebhookConfig.PIPELINE_NAME, LocalAws.PIPELINE);
        env.put(WebhookConfig.GITHUB_REPOSITORY, LocalAws.REPOSITORY);
        env.put(WebhookConfig.GITHUB_BRANCH, "main");
        env.put(WebhookConfig.WEBHOOK_SECRET_ARN, aws.secretArn);
        env.put(WebhookConfig.DELIVERIES_TABLE_NAME, LocalAws.TABLE);
        return env;
    }

    private Result run(Map<String, String> env) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ColdStartProbe.class.getName(),
                Events.path("github-webhook", "push-main.json").toString())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    record Result(int exitCode, String output) {
    }

    @Test
    void publicConstructor_fromEnvironment_startsThePipeline() throws Exception {
        Result result = run(environment());

        assertThat(result.exitCode()).as(result.output()).isZero();
        String response = result.output().lines().filter(l -> l.startsWith("RESPONSE ")).findFirst().orElseThrow()
                .substring("RESPONSE ".length());
        JsonNode json = Invocation.MAPPER.readTree(response);
        assertThat(json.path("statusCode").asInt()).isEqualTo(202);
        assertThat(aws.codePipeline.accepted("StartPipelineExecution")).hasSize(1);
        // Init wires only (priming runs before a SnapStart checkpoint): exactly one real start, one recorded delivery and its body.
        assertThat(aws.codePipeline.calls()).hasSize(1);
        assertThat(aws.dynamo.scan(b -> b.tableName(LocalAws.TABLE)).items())
                .extracting(item -> item.get("deliveryId").s().replaceFirst("^sha256:[0-9a-f]{64}$", "sha256:<body>"))
                .containsExactlyInAnyOrder("5e0c3f40-cbd0-11f0-8a1e-6d2b4f1a9c01", "sha256:<body>");
        assertThat(result.output()).doesNotContain(LocalAws.SAMPLE_SECRET);
    }

    @Test
    void publicConstructor_missingVariable_failsInitNamingIt() throws Exception {
        Map<String, String> env = environment();
        env.remove(WebhookConfig.DELIVERIES_TABLE_NAME);

        Result result = run(env);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("DELIVERIES_TABLE_NAME is not set");
        assertThat(aws.codePipeline.calls()).isEmpty();
    }

    @Test
    void publicConstructor_secretMissing_failsInit() throws Exception {
        Map<String, String> env = environment();
        env.put(WebhookConfig.WEBHOOK_SECRET_ARN, "arn:aws:secretsmanager:us-east-1:123456789012:secret:does-not-exist-AbCdEf");

        Result result = run(env);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("ResourceNotFoundException");
    }
}
