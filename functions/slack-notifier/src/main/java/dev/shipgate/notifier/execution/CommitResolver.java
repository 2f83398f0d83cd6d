package dev.shipgate.notifier.execution;

import static dev.shipgate.shared.pipeline.PipelineVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipgate.notifier.event.Commit;
import dev.shipgate.shared.json.JsonTree;

import java.io.IOException;
import java.util.Map;

/**
 * Reads the commit an execution runs from its details: first the pipeline variables the
 * github-webhook function sets ({@code COMMIT_SHA}, {@code GIT_REF}, {@code BRANCH}, {@code TAG},
 * {@code COMMIT_MESSAGE}, {@code COMMIT_AUTHOR}, {@code COMPARE_URL}), then the source artifact
 * revision (whose summary is a JSON string for CodeConnections sources).
 */
public final class CommitResolver {

    public Commit fromVariables(ExecutionDetails details) {
        Map<String, String> vars = details.variables();
        String ref = vars.get(GIT_REF);
        String branch = vars.get(BRANCH);
        String tag = vars.get(TAG);
        if (ref != null && branch == null && ref.startsWith("refs/heads/")) {
            branch = ref.substring("refs/heads/".length());
        }
        if (ref != null && tag == null && ref.startsWith("refs/tags/")) {
            tag = ref.substring("refs/tags/".length());
        }
        return new Commit(vars.get(COMMIT_SHA), vars.get(COMMIT_MESSAGE), vars.get(COMMIT_AUTHOR), branch, tag, null);
    }

    public Commit fromRevisions(ExecutionDetails details) {
        for (ExecutionDetails.Revision revision : details.revisions()) {
            if (revision.revisionId() == null) {
                continue;
            }
            return new Commit(revision.revisionId(), message(revision.revisionSummary()), null, null, null, revision.revisionUrl());
        }
        return Commit.NONE;
    }

    public String compareUrl(ExecutionDetails details) {
        return details.variables().get(COMPARE_URL);
    }

    private static String message(String summary) {
        if (summary == null || !summary.trim().startsWith("{")) {
            return summary;
        }
        try {
            JsonNode parsed = JsonTree.parse(summary);
            JsonNode message = parsed.path("CommitMessage");
            return message.isTextual() ? message.asText() : null;
        } catch (IOException e) {
            return summary;
        }
    }
}
