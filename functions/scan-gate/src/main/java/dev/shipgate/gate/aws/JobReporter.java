package dev.shipgate.gate.aws;

import dev.shipgate.gate.Outcome;
import dev.shipgate.gate.job.FailureType;
import dev.shipgate.shared.aws.SdkDryRun;
import dev.shipgate.shared.log.JsonLog;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.InvalidJobStateException;
import software.amazon.awssdk.services.codepipeline.model.JobNotFoundException;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Sends the one job result of an invocation. A job CodePipeline already considers finished (a Lambda retry of
 * an invocation that did report) answers {@code InvalidJobStateException}: that is success, never a second report.
 */
public final class JobReporter {

    private final CodePipelineClient codePipeline;
    private final JsonLog log;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings;

    public JobReporter(CodePipelineClient codePipeline, JsonLog log) {
        this(codePipeline, log, SdkDryRun::none);
    }

    /** @param requestSettings added to every request; priming's synthetic jobs answer them ({@link SdkDryRun#answer}) */
    public JobReporter(CodePipelineClient codePipeline, JsonLog log, Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings) {
        this.codePipeline = codePipeline;
        this.log = log;
        this.requestSettings = requestSettings;
    }

    /**
     * Reports the outcome. If CodePipeline rejects that call, reports a SystemUnavailable failure instead; if that
     * fails too the exception escapes, so Lambda's asynchronous retry runs the job again rather than leaving it
     * hanging until the action times out.
     */
    public void report(String jobId, Outcome outcome) {
        try {
            send(jobId, outcome);
        } catch (SdkException e) {
            if (e instanceof InvalidJobStateException || e instanceof JobNotFoundException) {
                log.warn("job-already-finished", Map.of("jobId", jobId,
                        "error", ((AwsServiceException) e).awsErrorDetails().errorCode()));
                return;
            }
            log.error("job-report-failed", Map.of("jobId", jobId, "result", outcome.getClass().getSimpleName(),
                    "exception", e.getClass().getSimpleName(), "message", String.valueOf(e.getMessage())));
            if (outcome instanceof Outcome.Fail f && f.type() == FailureType.SystemUnavailable) {
                throw e;
            }
            send(jobId, new Outcome.Fail(FailureType.SystemUnavailable,
                    "scan-gate reached a result but CodePipeline refused it (" + e.getMessage() + "); re-run the stage"));
        }
    }

    private void send(String jobId, Outcome outcome) {
        {
            switch (outcome) {
                case Outcome.Continue c -> codePipeline.putJobSuccessResult(b -> b.jobId(jobId).overrideConfiguration(requestSettings)
                        .continuationToken(c.continuationToken())
                        .executionDetails(d -> d.summary(c.summary())));
                case Outcome.Succeed s -> codePipeline.putJobSuccessResult(b -> b.jobId(jobId).overrideConfiguration(requestSettings)
                        .outputVariables(s.outputVariables())
                        .executionDetails(d -> d.summary(s.summary())));
                case Outcome.Fail f -> codePipeline.putJobFailureResult(b -> b.jobId(jobId).overrideConfiguration(requestSettings)
                        .failureDetails(d -> d.type(f.type().name()).message(f.message())));
            }
            log.info("job-reported", Map.of("jobId", jobId, "result", outcome.getClass().getSimpleName()));
        }
    }
}
