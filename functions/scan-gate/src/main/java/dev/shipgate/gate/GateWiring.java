package dev.shipgate.gate;

import dev.shipgate.gate.aws.EcrScanReader;
import dev.shipgate.gate.aws.JobReporter;
import dev.shipgate.gate.aws.S3ArtifactReader;
import dev.shipgate.gate.aws.S3ReportStore;
import dev.shipgate.gate.aws.SnsVerdictPublisher;
import dev.shipgate.gate.job.FailureType;
import dev.shipgate.shared.aws.AwsClients;
import dev.shipgate.shared.config.Env;
import dev.shipgate.shared.log.JsonLog;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * scan-gate's composition root: configuration, SDK clients, the gate and the job reporter, built once at init, and
 * the priming that runs synthetic jobs through them ({@link SyntheticJobs}) before the SnapStart checkpoint. A bad
 * environment still answers every job, with a ConfigurationError.
 */
record GateWiring(Gate gate, JobReporter reporter, JsonLog log, GatePriming priming) {

    static GateWiring fromEnvironment() {
        JsonLog log = new JsonLog("scan-gate");
        CodePipelineClient codePipeline = AwsClients.create(CodePipelineClient.builder());
        JobReporter reporter = new JobReporter(codePipeline, log);
        ScanGateConfig config;
        try {
            config = ScanGateConfig.from(Env.system());
        } catch (Env.ConfigException e) {
            log.error("misconfigured", Map.of("problem", e.getMessage()));
            String message = "scan-gate is misconfigured: " + e.getMessage() + " (fix the function's environment in template.yaml)";
            Gate refuses = (job, remaining) -> new Outcome.Fail(FailureType.ConfigurationError, message);
            Supplier<SyntheticJobs.Ran> jobs = () -> SyntheticJobs.refusedBy(refuses, codePipeline).run();
            return new GateWiring(refuses, reporter, log, new GatePriming(jobs, log));
        }
        EcrClient ecr = AwsClients.create(EcrClient.builder());
        S3Client s3 = AwsClients.create(S3Client.builder().forcePathStyle(S3ArtifactReader.pathStyle(System.getenv())));
        SnsClient sns = AwsClients.create(SnsClient.builder());
        String topicArn = config.notifyTopicArn();
        Gate gate = new GateService(new EcrScanReader(ecr), new S3ArtifactReader(s3), new SnsVerdictPublisher(sns, topicArn),
                new S3ReportStore(s3, config.reportBucket()), config, Timing.LAMBDA, Clock.systemUTC(), Thread::sleep, log);
        Supplier<SyntheticJobs.Ran> jobs = () -> SyntheticJobs.of(ecr, s3, sns, codePipeline, config).run();
        return new GateWiring(gate, reporter, log, new GatePriming(jobs, log));
    }
}
