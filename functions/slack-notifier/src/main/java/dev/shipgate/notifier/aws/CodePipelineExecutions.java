package dev.shipgate.notifier.aws;

import dev.shipgate.notifier.execution.ExecutionDetails;
import dev.shipgate.notifier.execution.ExecutionLookup;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ArtifactRevision;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.ResolvedPipelineVariable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link ExecutionLookup} through {@code GetPipelineExecution}. */
public final class CodePipelineExecutions implements ExecutionLookup {

    private final CodePipelineClient client;

    public CodePipelineExecutions(CodePipelineClient client) {
        this.client = client;
    }

    @Override
    public ExecutionDetails find(String pipeline, String executionId) {
        PipelineExecution execution = client.getPipelineExecution(r -> r.pipelineName(pipeline).pipelineExecutionId(executionId))
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
