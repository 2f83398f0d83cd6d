package dev.shipgate.gate;

import dev.shipgate.gate.job.FailureType;

import java.util.Map;

/** How one invocation ends: exactly one of these becomes exactly one CodePipeline job result call. */
public sealed interface Outcome {

    /** Not done yet: PutJobSuccessResult with a continuation token; CodePipeline invokes again. */
    record Continue(String continuationToken, String summary) implements Outcome {
    }

    /** Passed (or audit): final PutJobSuccessResult with output variables. */
    record Succeed(Map<String, String> outputVariables, String summary) implements Outcome {
    }

    /** PutJobFailureResult. */
    record Fail(FailureType type, String message) implements Outcome {
    }
}
