package dev.shipgate.notifier.execution;

import java.util.List;
import java.util.Map;

/**
 * What {@code GetPipelineExecution} tells about an execution: its pipeline variables (resolved values,
 * as set by the github-webhook function), its source revisions and its trigger.
 */
public record ExecutionDetails(Map<String, String> variables, List<Revision> revisions, String triggerType, String triggerDetail) {

    public ExecutionDetails {
        variables = Map.copyOf(variables);
        revisions = List.copyOf(revisions);
    }

    /** One {@code artifactRevisions[]} entry. */
    public record Revision(String name, String revisionId, String revisionSummary, String revisionUrl) {
    }
}
