package dev.shipgate.webhook.delivery;

import java.time.Duration;

/** Starts a pipeline execution. Implemented over CodePipeline; the domain only sees this. */
public interface PipelineStarter {

    /**
     * Makes one attempt, bounded by {@code timeout}, and returns the execution id.
     *
     * @throws StartFailure when CodePipeline refuses or cannot be reached, saying whether to retry
     */
    String start(PipelineStart command, Duration timeout);

    /** One failed attempt. {@code code} is the AWS error code or exception kind, safe to show. */
    final class StartFailure extends RuntimeException {
        private final String code;
        private final boolean retryable;

        public StartFailure(String code, String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.code = code;
            this.retryable = retryable;
        }

        public String code() {
            return code;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
