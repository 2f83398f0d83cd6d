package dev.shipgate.shared.aws;

import dev.shipgate.shared.aws.SdkDryRun.Answer;
import dev.shipgate.testing.CodePipelineStandIn;
import dev.shipgate.testing.TestClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineExecutionResponse;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionNotFoundException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdkDryRunTest {

    private static final Answer EXECUTION = Answer.ok("application/x-amz-json-1.1", """
            {"pipelineExecution":{"pipelineName":"demo","pipelineVersion":3,"pipelineExecutionId":"e-1","status":"Succeeded"}}
            """.getBytes(StandardCharsets.UTF_8));

    @Test
    void mark_stopsOnlyMarkedRequests_andNothingMarkedReachesTheServer() {
        try (CodePipelineStandIn server = new CodePipelineStandIn().withPipeline("demo").start();
             CodePipelineClient client = TestClients.local(CodePipelineClient.builder(), server.endpoint())) {

            int stopped = SdkDryRun.stopped(() -> client.startPipelineExecution(r -> r.name("demo").overrideConfiguration(SdkDryRun::mark)));
            int sent = SdkDryRun.stopped(() -> client.startPipelineExecution(r -> r.name("demo").overrideConfiguration(SdkDryRun::none)));

            assertThat(stopped).isEqualTo(1);
            assertThat(sent).isZero();
            assertThat(server.calls()).hasSize(1);
        }
    }

    @Test
    void answer_unmarshallsTheGivenResponse_withoutReachingTheServer() {
        try (CodePipelineStandIn server = new CodePipelineStandIn().withPipeline("demo").start();
             CodePipelineClient client = TestClients.local(CodePipelineClient.builder(), server.endpoint())) {

            GetPipelineExecutionResponse response = client.getPipelineExecution(r -> r.pipelineName("demo")
                    .pipelineExecutionId("e-1").overrideConfiguration(SdkDryRun.answer(EXECUTION)));

            assertThat(response.pipelineExecution().pipelineExecutionId()).isEqualTo("e-1");
            assertThat(response.pipelineExecution().pipelineVersion()).isEqualTo(3);
            assertThat(response.pipelineExecution().statusAsString()).isEqualTo("Succeeded");
            assertThat(server.calls()).isEmpty();
        }
    }

    @Test
    void answer_withAnErrorStatus_goesThroughTheErrorPath_andAnsweredCountsItAsFailed() {
        Answer notFound = new Answer(400, Map.of("Content-Type", List.of("application/x-amz-json-1.1")),
                "{\"__type\":\"PipelineExecutionNotFoundException\",\"message\":\"no such execution\"}".getBytes(StandardCharsets.UTF_8));
        try (CodePipelineStandIn server = new CodePipelineStandIn().withPipeline("demo").start();
             CodePipelineClient client = TestClients.local(CodePipelineClient.builder(), server.endpoint())) {

            assertThatThrownBy(() -> client.getPipelineExecution(r -> r.pipelineName("demo").pipelineExecutionId("e-1")
                    .overrideConfiguration(SdkDryRun.answer(notFound))))
                    .isInstanceOf(PipelineExecutionNotFoundException.class).hasMessageContaining("no such execution");
            assertThat(SdkDryRun.answered(() -> client.getPipelineExecution(r -> r.pipelineName("demo").pipelineExecutionId("e-1")
                    .overrideConfiguration(SdkDryRun.answer(notFound))).pipelineExecution() != null)).isZero();
            assertThat(server.calls()).isEmpty();
        }
    }

    @Test
    void answeredRequests_neverReachTheWrappedHttpClient_andOthersAlwaysDo() {
        try (CodePipelineStandIn server = new CodePipelineStandIn().withPipeline("demo").start();
             CodePipelineClient client = TestClients.local(CodePipelineClient.builder(), server.endpoint())) {

            client.getPipelineExecution(r -> r.pipelineName("demo").pipelineExecutionId("e-1").overrideConfiguration(SdkDryRun.answer(EXECUTION)));
            client.startPipelineExecution(r -> r.name("demo"));
            client.getPipelineExecution(r -> r.pipelineName("demo").pipelineExecutionId("e-1").overrideConfiguration(SdkDryRun.answer(EXECUTION)));

            assertThat(server.calls()).extracting(CodePipelineStandIn.Call::operation).containsExactly("StartPipelineExecution");
        }
    }

    @Test
    void answered_countsOnlyWhatWasReadAsExpected() {
        try (CodePipelineStandIn server = new CodePipelineStandIn().withPipeline("demo").start();
             CodePipelineClient client = TestClients.local(CodePipelineClient.builder(), server.endpoint())) {

            assertThat(SdkDryRun.answered(() -> "e-1".equals(client.getPipelineExecution(r -> r.pipelineName("demo").pipelineExecutionId("e-1")
                    .overrideConfiguration(SdkDryRun.answer(EXECUTION))).pipelineExecution().pipelineExecutionId()))).isEqualTo(1);
            assertThat(SdkDryRun.answered(() -> "other".equals(client.getPipelineExecution(r -> r.pipelineName("demo").pipelineExecutionId("e-1")
                    .overrideConfiguration(SdkDryRun.answer(EXECUTION))).pipelineExecution().pipelineExecutionId()))).isZero();
        }
    }

    @Test
    void answeredRequests_failClosed_whenTheAnsweringHttpClientIsMissing() {
        try (CodePipelineStandIn server = new CodePipelineStandIn().withPipeline("demo").start();
             CodePipelineClient client = SdkDryRun.enable(CodePipelineClient.builder(), UrlConnectionHttpClient.create())
                     .httpClient(UrlConnectionHttpClient.create())
                     .endpointOverride(server.endpoint()).region(TestClients.REGION)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build()) {

            assertThatThrownBy(() -> client.startPipelineExecution(r -> r.name("demo").overrideConfiguration(SdkDryRun.answer(EXECUTION))))
                    .isInstanceOf(SdkClientException.class);
            assertThat(server.calls()).isEmpty();
        }
    }

    @Test
    void aHeaderThatOnlyLooksLikeTheDryRunMarker_isSentForReal() {
        try (CodePipelineStandIn server = new CodePipelineStandIn().withPipeline("demo").start();
             CodePipelineClient client = TestClients.local(CodePipelineClient.builder(), server.endpoint())) {

            client.startPipelineExecution(r -> r.name("demo").overrideConfiguration(o -> o.putHeader(SdkDryRun.ANSWER_HEADER, "answer")));

            assertThat(server.calls()).extracting(CodePipelineStandIn.Call::operation).containsExactly("StartPipelineExecution");
        }
    }

    @Test
    void enable_keepsTheBuildersOwnOverrideSettings() {
        AtomicInteger seen = new AtomicInteger();
        AtomicReference<String> dryRunHeader = new AtomicReference<>("unset");
        ExecutionInterceptor own = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                seen.incrementAndGet();
                dryRunHeader.set(context.httpRequest().firstMatchingHeader(SdkDryRun.ANSWER_HEADER).orElse(null));
            }
        };
        try (CodePipelineStandIn server = new CodePipelineStandIn().withPipeline("demo").start();
             CodePipelineClient client = TestClients.local(CodePipelineClient.builder()
                     .overrideConfiguration(o -> o.addExecutionInterceptor(own)), server.endpoint())) {

            client.startPipelineExecution(r -> r.name("demo"));

            assertThat(seen).hasValue(1);
            assertThat(dryRunHeader.get()).as("a real request carries no dry-run header").isNull();
            assertThat(server.calls()).hasSize(1);
        }
    }

    @Test
    void answeredRequests_haveTheirBodyReadToTheEnd_asARealClientSends_butNeverSent() throws Exception {
        ByteArrayInputStream body = new ByteArrayInputStream(new byte[100_000]);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).protocol("https").host("dry-run.invalid")
                .encodedPath("/bucket/key").putHeader(SdkDryRun.ANSWER_HEADER, "token").build();
        try (SdkDryRun.AnsweringHttpClient http = new SdkDryRun.AnsweringHttpClient(UrlConnectionHttpClient.create())) {

            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(request)
                    .contentStreamProvider(() -> body).build()).call();

            assertThat(body.available()).isZero();
            assertThat(response.httpResponse().firstMatchingHeader(SdkDryRun.ANSWER_HEADER)).contains("token");
        }
    }
}
