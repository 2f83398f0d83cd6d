package dev.shipgate.gate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shipgate.gate.aws.EcrScanReader;
import dev.shipgate.gate.aws.JobReporter;
import dev.shipgate.gate.aws.S3ArtifactReader;
import dev.shipgate.gate.aws.SnsVerdictPublisher;
import dev.shipgate.gate.job.FailureType;
import dev.shipgate.gate.job.JobEvent;
import dev.shipgate.shared.aws.AwsClients;
import dev.shipgate.shared.config.Env;
import dev.shipgate.shared.json.Json;
import dev.shipgate.shared.log.JsonLog;
import org.crac.Core;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * CodePipeline Lambda invoke action "SecurityGate": parses the job event, lets the gate decide, and reports
 * exactly one job result. A malformed event without a job id has nobody to report to and is only logged.
 */
public final class ScanGateHandler implements RequestStreamHandler {

    private final Gate gate;
    private final JobReporter reporter;
    private final JsonLog log;
    /** Held strongly: org.crac keeps registered resources only weakly. */
    private final GatePriming priming;

    public ScanGateHandler() {
        this(Wiring.fromEnvironment());
        Core.getGlobalContext().register(priming);
    }

    private ScanGateHandler(Wiring wiring) {
        this(wiring.gate(), wiring.reporter(), wiring.log());
    }

    ScanGateHandler(Gate gate, JobReporter reporter, JsonLog log) {
        this.gate = gate;
        this.reporter = reporter;
        this.log = log;
        this.priming = new GatePriming();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        JobEvent.Job job;
        try {
            job = Json.MAPPER.readValue(input, JobEvent.class).job();
        } catch (IOException e) {
            log.error("malformed-event", Map.of("problem", "not a CodePipeline job event", "exception", e.getClass().getSimpleName()));
            return;
        }
        if (job == null || job.id() == null || job.id().isBlank()) {
            log.error("malformed-event", Map.of("problem", "no CodePipeline.job.id: nothing to report a result to"));
            return;
        }
        log.info("job-received", Map.of("jobId", job.id(),
                "continuation", job.data() != null && job.data().continuationToken() != null));
        Outcome outcome = gate.run(job, context::getRemainingTimeInMillis);
        reporter.report(job.id(), outcome);
    }

    /** Real clients, built once at init. A bad environment still answers every job, with a ConfigurationError. */
    private record Wiring(Gate gate, JobReporter reporter, JsonLog log) {

        private static final SdkHttpClient ARTIFACT_HTTP = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(20))
                .build();

        static Wiring fromEnvironment() {
            JsonLog log = new JsonLog("scan-gate");
            JobReporter reporter = new JobReporter(AwsClients.create(CodePipelineClient.builder()), log);
            Gate gate;
            try {
                ScanGateConfig config = ScanGateConfig.from(Env.system());
                gate = new GateService(
                        new EcrScanReader(AwsClients.create(EcrClient.builder())),
                        S3ArtifactReader.withJobCredentials(Region.of(System.getenv("AWS_REGION")), ARTIFACT_HTTP, System.getenv()),
                        new SnsVerdictPublisher(AwsClients.create(SnsClient.builder()), config.notifyTopicArn()),
                        config, Timing.LAMBDA, Clock.systemUTC(), Thread::sleep, log);
            } catch (Env.ConfigException e) {
                log.error("misconfigured", Map.of("problem", e.getMessage()));
                String message = "scan-gate is misconfigured: " + e.getMessage() + " (fix the function's environment in template.yaml)";
                gate = (job, remaining) -> new Outcome.Fail(FailureType.ConfigurationError, message);
            }
            return new Wiring(gate, reporter, log);
        }
    }
}
