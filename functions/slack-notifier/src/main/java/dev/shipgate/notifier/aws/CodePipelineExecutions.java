package dev.shipgate.notifier.aws;

import dev.shipgate.notifier.execution.ExecutionDetails;
import dev.shipgate.notifier.execution.ExecutionLookup;
import dev.shipgate.shared.aws.SdkDryRun;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ArtifactRevision;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.ResolvedPipelineVariable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@link ExecutionLookup} through {@code GetPipelineExecution}. */
public final class CodePipelineExecutions implements ExecutionLookup {

    private final CodePipelineClient client;
    private final Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings;

    public CodePipelineExecutions(CodePipelineClient client) {
        this(client, SdkDryRun::none);
    }

    /** @param requestSettings added to every request; priming passes {@link SdkDryRun#answer} */
    public CodePipelineExecutions(CodePipelineClient client, Consumer<AwsRequestOverrideConfiguration.Builder> requestSettings) {
        this.client = client;
        this.requestSettings = requestSettings;
    }

    @Override
    public ExecutionDetails find(String pipeline, String executionId) {
        PipelineExecution execution = client.getPipelineExecution(r -> r.pipelineName(pipeline).pipelineExecutionId(executionId)
                        .overrideConfiguration(requestSettings))
                .pipelineExecution();
        Map<String, String> variables = new LinkedHashMap<>();
        for (ResolvedPipelineVariable variable : execution.variables()) {
            if (variable.name() != null && variable.resolvedValue() != null) {
                variables.put(variable.name(), variable.resolvedValue());
            }
        }
        List<ExecutionDetails.Revision> revisions = execution.artifactRevisions().stream()
                .map(CodePipelineExecutions::revision)
                .toList();
        return new ExecutionDetails(variables, revisions,
                execution.trigger() == null ? null : execution.trigger().triggerTypeAsString(),
                execution.trigger() == null ? null : execution.trigger().triggerDetail());
    }

    private static ExecutionDetails.Revision revision(ArtifactRevision r) {
        return new ExecutionDetails.Revision(r.name(), r.revisionId(), r.revisionSummary(), r.revisionUrl());
    }
}
