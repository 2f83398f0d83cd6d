package dev.shipgate.notifier.execution;

/** Looks an execution up ({@code GetPipelineExecution}); may throw when the lookup fails. */
public interface ExecutionLookup {

    ExecutionDetails find(String pipeline, String executionId);
}
