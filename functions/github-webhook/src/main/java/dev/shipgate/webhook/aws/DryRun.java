package dev.shipgate.webhook.aws;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Lets priming run a real SDK call through endpoint resolution, marshalling and SigV4 signing, then
 * stops it just before transmission: the request is never sent. Only requests marked with
 * {@link #mark} are stopped; every other call passes untouched.
 */
public final class DryRun implements ExecutionInterceptor {

    public static final DryRun INTERCEPTOR = new DryRun();

    private static final ExecutionAttribute<Boolean> MARK = new ExecutionAttribute<>("shipgate.dryRun");

    private DryRun() {
    }

    /** Per-request setting that turns the call into a dry run. */
    public static void mark(AwsRequestOverrideConfiguration.Builder request) {
        request.putExecutionAttribute(MARK, Boolean.TRUE);
    }

    /** Per-request setting for real calls. */
    public static void none(AwsRequestOverrideConfiguration.Builder request) {
        // nothing to add
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(MARK))) {
            throw new Stopped();
        }
    }

    /** Thrown instead of sending a dry-run request; the SDK passes it through unwrapped and does not retry it. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("dry run: request built and signed, not sent", null, false, false);
        }
    }
}
