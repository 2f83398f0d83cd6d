package dev.shipgate.gate;

import com.amazonaws.services.lambda.runtime.Context;
import dev.shipgate.gate.aws.DryRunAnswers;
import dev.shipgate.gate.aws.EcrScanReader;
import dev.shipgate.gate.aws.JobReporter;
import dev.shipgate.gate.aws.S3ArtifactReader;
import dev.shipgate.gate.aws.S3ReportStore;
import dev.shipgate.gate.aws.SnsVerdictPublisher;
import dev.shipgate.gate.job.FailureType;
import dev.shipgate.shared.aws.SdkDryRun;
import dev.shipgate.shared.aws.SdkDryRun.Answer;
import dev.shipgate.shared.init.PrimingContext;
import dev.shipgate.shared.init.PrimingLog;
import dev.shipgate.shared.init.RuntimeCall;
import dev.shipgate.shared.log.JsonLog;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * SnapStart priming's synthetic jobs: CodePipeline job events run through the real {@link ScanGateHandler},
 * {@link GateService}, AWS adapters and {@link JobReporter}, so the call sites only a job executes (pattern switches,
 * lambdas, string concatenations) are linked before the snapshot, not on the first job after a restore. Every SDK call
 * they make is answered by {@link SdkDryRun} from a script of the calls a job makes, in order, each with the answer its
 * service gives; a call beyond the script is stopped before sending. Nothing reaches the network, and no job result is
 * sent to CodePipeline.
 * <p>
 * A configured gate runs three jobs: one that waits for a basic scan in progress (Continue), the same image's next
 * invocation that finds a CRITICAL finding (Fail), and an image index whose two platforms' enhanced scans settle over
 * two reads with an excepted finding (Succeed). A misconfigured gate runs one job, which it refuses (Fail).
 */
final class SyntheticJobs {

    private static final String JOB_ID = "00000000-0000-4000-8000-000000000000";
    private static final String IMAGE = "sha256:" + "a".repeat(64);
    private static final String INDEX = "sha256:" + "b".repeat(64);
    private static final String AMD64 = "sha256:" + "c".repeat(64);
    private static final String ARM64 = "sha256:" + "d".repeat(64);
    /** The finding the policy file excepts, so the index passes under any floor the stack owner sets. */
    private static final String EXCEPTED = "CVE-0000-0002";
    private static final String POLICY = """
            version: 1
            exceptions:
              - {id: %s, package: pkg, reason: SnapStart priming, expires: "%s"}
            """;
    /**
     * What an invocation must have left to pause and read the scan again (poll interval plus reserve): with no more, a
     * job waiting for its scan hands over a continuation token; with more, it reads again (the pause does not sleep here).
     */
    private static final int SHORT_INVOCATION_MILLIS = (int) Timing.LAMBDA.pollInterval().plus(Timing.LAMBDA.reserve()).toMillis();
    private static final int LONG_INVOCATION_MILLIS = SHORT_INVOCATION_MILLIS + 60_000;

    /** One job: its image, whether it is the previous job's next invocation, the invocation's time left, what must come out. */
    private record Job(String name, String digest, boolean continuesPrevious, int remainingMillis, Predicate<Outcome> expected) {
    }

    /** What the jobs ended with, in order, and how many SDK calls were answered. */
    record Ran(List<String> outcomes, int sdkCallsAnswered) {
    }

    private final Script script;
    private final List<Job> jobs;
    private final String repository;
    private final PrimingLog problems;
    private final List<Outcome> outcomes = new ArrayList<>();
    private final ScanGateHandler handler;

    private SyntheticJobs(Script script, List<Job> jobs, String repository, PrimingLog problems, Gate gate, CodePipelineClient codePipeline) {
        this.script = script;
        this.jobs = jobs;
        this.repository = repository;
        this.problems = problems;
        JsonLog log = new JsonLog("scan-gate", problems);
        Gate recorded = (job, remainingMillis) -> {
            Outcome outcome = gate.run(job, remainingMillis);
            outcomes.add(outcome);
            return outcome;
        };
        this.handler = new ScanGateHandler(recorded, new JobReporter(codePipeline, log, script), log, null);
    }

    /** The three jobs of a configured gate, on the function's own clients and configuration. */
    static SyntheticJobs of(EcrClient ecr, S3Client s3, SnsClient sns, CodePipelineClient codePipeline, ScanGateConfig config) {
        String policy = POLICY.formatted(EXCEPTED, LocalDate.now(ZoneOffset.UTC).plusDays(30));
        Answer artifact = DryRunAnswers.artifact(config.policyFilePath(), policy);
        Answer enhancedAmd64 = DryRunAnswers.enhancedScan(AMD64, EXCEPTED, "HIGH");
        Answer enhancedArm64 = DryRunAnswers.enhancedScan(ARM64, EXCEPTED, "HIGH");
        Script script = new Script(List.of(
                // waits: the policy, the manifest, a scan in progress, then the continuation token is reported
                artifact, DryRunAnswers.imageManifest(IMAGE), DryRunAnswers.scanInProgress(IMAGE), DryRunAnswers.CODEPIPELINE_OK,
                // fails: the same reads, a finished basic scan with a CRITICAL finding, the findings report (HTML and
                // SARIF), the verdict, the job failure
                artifact, DryRunAnswers.imageManifest(IMAGE), DryRunAnswers.basicScan(IMAGE, "CVE-0000-0001", "CRITICAL"),
                DryRunAnswers.S3_PUT, DryRunAnswers.S3_PUT, DryRunAnswers.SNS_PUBLISHED, DryRunAnswers.CODEPIPELINE_OK,
                // passes: the policy, the index, each platform's enhanced scan read twice until its counts settle,
                // the report, the verdict, the job success
                artifact, DryRunAnswers.imageIndex(INDEX, AMD64, ARM64), enhancedAmd64, enhancedArm64, enhancedAmd64, enhancedArm64,
                DryRunAnswers.S3_PUT, DryRunAnswers.S3_PUT, DryRunAnswers.SNS_PUBLISHED, DryRunAnswers.CODEPIPELINE_OK));
        List<Job> jobs = List.of(
                new Job("wait", IMAGE, false, SHORT_INVOCATION_MILLIS, outcome -> outcome instanceof Outcome.Continue),
                new Job("fail", IMAGE, true, LONG_INVOCATION_MILLIS, outcome -> outcome instanceof Outcome.Fail f
                        && f.type() == FailureType.JobFailed && f.message().contains("CVE-0000-0001") && reported(f.message())),
                new Job("pass", INDEX, false, LONG_INVOCATION_MILLIS, outcome -> outcome instanceof Outcome.Succeed s
                        && "PASS".equals(s.outputVariables().get("verdict")) && INDEX.equals(s.outputVariables().get("IMAGE_DIGEST"))
                        && reported(s.summary())));
        PrimingLog problems = new PrimingLog();
        GateService gate = new GateService(new EcrScanReader(ecr, script), new S3ArtifactReader(s3, script),
                new SnsVerdictPublisher(sns, config.notifyTopicArn(), script), new S3ReportStore(s3, config.reportBucket(), script),
                config.judgingEcrScans(), Timing.LAMBDA, Clock.systemUTC(), pause -> { }, new JsonLog("scan-gate", problems));
        return new SyntheticJobs(script, jobs, config.repositoryName(), problems, gate, codePipeline);
    }

    /** The one job of a gate that refuses every job (its environment is wrong): a ConfigurationError reported. */
    static SyntheticJobs refusedBy(Gate refuses, CodePipelineClient codePipeline) {
        Script script = new Script(List.of(DryRunAnswers.CODEPIPELINE_OK));
        List<Job> jobs = List.of(new Job("refused", IMAGE, false, SHORT_INVOCATION_MILLIS,
                outcome -> outcome instanceof Outcome.Fail f && f.type() == FailureType.ConfigurationError));
        return new SyntheticJobs(script, jobs, "priming", new PrimingLog(), refuses, codePipeline);
    }

    /**
     * Runs the jobs through the handler.
     *
     * @throws IllegalStateException when a job did not end as expected, the jobs made other SDK calls than the script
     *                               holds, or the handler, gate or reporter logged a warning or an error
     */
    Ran run() {
        String continuation = null;
        for (Job job : jobs) {
            int before = outcomes.size();
            String event = event(job.digest(), job.continuesPrevious() ? continuation : null);
            invoke(event.getBytes(StandardCharsets.UTF_8), new PrimingContext(JOB_ID, "scan-gate", job.remainingMillis(), problems));
            Outcome outcome = outcomes.size() == before + 1 ? outcomes.getLast() : null;
            if (outcome == null || !job.expected().test(outcome)) {
                throw new IllegalStateException("priming's synthetic job '" + job.name() + "' ended " + outcome
                        + ", not as priming expects" + problems.describe());
            }
            continuation = outcome instanceof Outcome.Continue c ? c.continuationToken() : null;
        }
        if (script.answered() != script.size() || script.stopped() > 0) {
            throw new IllegalStateException("priming's synthetic jobs made " + (script.answered() + script.stopped())
                    + " SDK calls where " + script.size() + " were expected" + problems.describe());
        }
        if (problems.hasProblems()) {
            throw new IllegalStateException("priming's synthetic jobs logged a warning or an error" + problems.describe());
        }
        return new Ran(outcomes.stream().map(o -> o.getClass().getSimpleName()).toList(), script.answered());
    }

    /** Calls the handler as the runtime does ({@link RuntimeCall}). */
    private void invoke(byte[] event, Context context) {
        try {
            RuntimeCall.handle(handler, event, context);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("priming's synthetic job threw " + e.getCause() + problems.describe(), e.getCause());
        }
    }

    private String event(String digest, String continuationToken) {
        String userParameters = "{\\\"repository\\\":\\\"%s\\\",\\\"imageDigest\\\":\\\"%s\\\"}".formatted(repository, digest);
        return """
                {"CodePipeline.job":{"id":"%s","accountId":"123456789012","data":{
                "actionConfiguration":{"configuration":{"FunctionName":"scan-gate","UserParameters":"%s"}},
                "inputArtifacts":[{"name":"SourceOutput","location":{"type":"S3","s3Location":{"bucketName":"priming","objectKey":"priming.zip"}}}],
                "artifactCredentials":{"accessKeyId":"priming","secretAccessKey":"priming","sessionToken":"priming"}%s}}}"""
                .formatted(JOB_ID, userParameters, continuationToken == null ? "" : ",\"continuationToken\":\"" + continuationToken + "\"");
    }

    /** Whether a job's message links the findings report, that is whether both report writes went through. */
    private static boolean reported(String message) {
        return message.contains("\nFull report: https://");
    }

    /**
     * The script: each SDK call gets the next answer; a call past the end is stopped before sending (and counted, so
     * the run fails). Passed as the request settings of every adapter the jobs use.
     */
    private static final class Script implements Consumer<AwsRequestOverrideConfiguration.Builder> {
        private final List<Answer> answers;
        private int next;
        private int stopped;

        Script(List<Answer> answers) {
            this.answers = answers;
        }

        @Override
        public void accept(AwsRequestOverrideConfiguration.Builder request) {
            if (next < answers.size()) {
                SdkDryRun.answer(answers.get(next++)).accept(request);
            } else {
                stopped++;
                SdkDryRun.mark(request);
            }
        }

        int size() {
            return answers.size();
        }

        int answered() {
            return next;
        }

        int stopped() {
            return stopped;
        }
    }
}
