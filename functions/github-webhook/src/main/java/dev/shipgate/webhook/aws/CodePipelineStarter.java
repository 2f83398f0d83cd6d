package dev.shipgate.webhook.aws;

import dev.shipgate.shared.aws.SdkDryRun;
import dev.shipgate.webhook.delivery.PipelineStart;
import dev.shipgate.webhook.delivery.PipelineStarter;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.PipelineVariable;
import software.amazon.awssdk.services.codepipeline.model.SourceRevisionOverride;
import software.amazon.awssdk.services.codepipeline.model.SourceRevisionType;
import software.amazon.awssdk.services.codepipeline.model.StartPipelineExecutionRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@link PipelineStarter} over CodePipeline's StartPipelineExecution. The client is built without SDK
 * retries ({@code DeliveryService} retries within GitHub's time budget) and each attempt gets the
 * caller's timeout.
 */
public final class CodePipelineStarter implements PipelineStarter {

    /** Errors CodePipeline documents as "try again later", besides throttling and 5xx. */
    private static final Set<String> RETRYABLE_CODES = Set.of("ConflictException", "ConcurrentPipelineExecutionsLimitExceededException");

    private final CodePipelineClient client;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings;

    public CodePipelineStarter(CodePipelineClient client) {
        this(client, SdkDryRun::none);
    }

    /** @param requestSettings added to every request; priming passes {@link SdkDryRun#mark} */
    public CodePipelineStarter(CodePipelineClient client, Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings) {
        this.client = client;
        this.requestSettings = requestSettings;
    }

    @Override
    public String start(PipelineStart command, Duration timeout) {
        StartPipelineExecutionRequest request = toRequest(command).toBuilder()
                .overrideConfiguration(o -> requestSettings.accept(o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout)))
                .build();
        try {
            return client.startPipelineExecution(request).pipelineExecutionId();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                    ? e.awsErrorDetails().errorCode() : "HTTP " + e.statusCode();
            boolean retryable = e.isThrottlingException() || e.statusCode() >= 500 || RETRYABLE_CODES.contains(code);
            throw new StartFailure(code, e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage(), retryable, e);
        } catch (SdkClientException e) {
            // Timeouts and connection failures: the start may or may not have happened; the token makes a retry safe.
            throw new StartFailure(e.getClass().getSimpleName(), e.getMessage(), true, e);
        }
    }

    /** The exact request sent, without per-call settings; also used to prime the marshalling path. */
    public static StartPipelineExecutionRequest toRequest(PipelineStart command) {
        List<PipelineVariable> variables = new ArrayList<>(command.variables().size());
        command.variables().forEach((name, value) -> variables.add(PipelineVariable.builder().name(name).value(value).build()));
        return StartPipelineExecutionRequest.builder()
                .name(command.pipelineName())
                .clientRequestToken(command.clientRequestToken())
                .sourceRevisions(SourceRevisionOverride.builder()
                        .actionName(command.sourceActionName())
                        .revisionType(SourceRevisionType.COMMIT_ID)
                        .revisionValue(command.commitId())
                        .build())
                .variables(variables)
                .build();
    }
}
