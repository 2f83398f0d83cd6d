package dev.shipgate.gate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shipgate.gate.aws.DryRun;
import dev.shipgate.gate.aws.EcrScanReader;
import dev.shipgate.gate.aws.JobReporter;
import dev.shipgate.gate.aws.S3ArtifactReader;
import dev.shipgate.gate.aws.SnsVerdictPublisher;
import dev.shipgate.gate.job.FailureType;
import dev.shipgate.gate.job.JobEvent;
import dev.shipgate.shared.aws.AwsClients;
import dev.shipgate.shared.config.Env;
import dev.shipgate.shared.init.ClassPreloader;
import dev.shipgate.shared.init.InitThread;
import dev.shipgate.shared.log.JsonLog;
import org.crac.Core;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

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
        this(wiring.gate(), wiring.reporter(), wiring.log(), new GatePriming(wiring.sdkDryRuns(), wiring.expectedDryRuns(), wiring.log()));
    }

    ScanGateHandler(Gate gate, JobReporter reporter, JsonLog log, GatePriming priming) {
        this.gate = gate;
        this.reporter = reporter;
        this.log = log;
        this.priming = priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        JobEvent.Job job;
        try {
            job = JobEvent.read(input).job();
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

    /**
     * Real clients, built once at init. Init is mostly class loading, so it is spread over threads: the hot path
     * (Jackson, event and parameters, evaluation, messages; the YAML parser only when a job brings a policy file)
     * on one, the ECR, S3 and SNS clients on one each, CodePipeline here.
     * Each client then runs its calls as dry runs answered without the network ({@link DryRun}), so the first job
     * finds the endpoint, marshalling, signing and unmarshalling code loaded. A bad environment still answers
     * every job, with a ConfigurationError.
     */
    private record Wiring(Gate gate, JobReporter reporter, JsonLog log, IntSupplier sdkDryRuns, int expectedDryRuns) {

        static Wiring fromEnvironment() {
            ClassPreloader.start(ScanGateHandler.class);
            JsonLog log = new JsonLog("scan-gate");
            CompletableFuture<Void> hotPath = InitThread.start("scan-gate-warm-up", () -> {
                try {
                    GatePriming.prime(false);
                } catch (Exception e) {
                    log.warn("warm-up-failed", Map.of("exception", e.getClass().getSimpleName(), "message", String.valueOf(e.getMessage())));
                }
                return null;
            });
            CompletableFuture<EcrClient> ecrClient = InitThread.start("scan-gate-ecr", () -> {
                EcrClient ecr = AwsClients.create(EcrClient.builder());
                DryRun.ecr(ecr);
                return ecr;
            });
            CompletableFuture<S3Client> s3Client = InitThread.start("scan-gate-s3", () -> {
                S3Client s3 = AwsClients.create(S3Client.builder().forcePathStyle(S3ArtifactReader.pathStyle(System.getenv())));
                DryRun.s3(s3);
                return s3;
            });
            ScanGateConfig config = null;
            String misconfigured = null;
            try {
                config = ScanGateConfig.from(Env.system());
            } catch (Env.ConfigException e) {
                misconfigured = e.getMessage();
            }
            String topicArn = config == null ? null : config.notifyTopicArn();
            CompletableFuture<SnsClient> snsClient = config == null ? null : InitThread.start("scan-gate-sns", () -> {
                SnsClient sns = AwsClients.create(SnsClient.builder());
                DryRun.sns(sns, topicArn);
                return sns;
            });
            CodePipelineClient codePipeline = AwsClients.create(CodePipelineClient.builder());
            DryRun.codePipeline(codePipeline);
            JobReporter reporter = new JobReporter(codePipeline, log);
            Gate gate;
            IntSupplier sdkDryRuns;
            int expectedDryRuns;
            if (config != null) {
                SnsClient sns = InitThread.join(snsClient);
                EcrClient ecr = InitThread.join(ecrClient);
                S3Client s3 = InitThread.join(s3Client);
                gate = new GateService(new EcrScanReader(ecr), new S3ArtifactReader(s3),
                        new SnsVerdictPublisher(sns, topicArn), config, Timing.LAMBDA, Clock.systemUTC(), Thread::sleep, log);
                sdkDryRuns = () -> DryRun.ecr(ecr) + DryRun.s3(s3) + DryRun.sns(sns, topicArn) + DryRun.codePipeline(codePipeline);
                expectedDryRuns = 5;
            } else {
                log.error("misconfigured", Map.of("problem", misconfigured));
                String message = "scan-gate is misconfigured: " + misconfigured + " (fix the function's environment in template.yaml)";
                gate = (job, remaining) -> new Outcome.Fail(FailureType.ConfigurationError, message);
                sdkDryRuns = () -> DryRun.codePipeline(codePipeline);
                expectedDryRuns = 2;
            }
            InitThread.join(hotPath);
            return new Wiring(gate, reporter, log, sdkDryRuns, expectedDryRuns);
        }
    }
}
