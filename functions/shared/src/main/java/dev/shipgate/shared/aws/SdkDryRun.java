package dev.shipgate.shared.aws;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * SDK calls run for warm-up and SnapStart priming: endpoint resolution, marshalling and SigV4 signing
 * run for real, then an interceptor stops the request just before transmission, so nothing reaches
 * the network. {@link #STOP_MARKED} stops only requests marked with {@link #mark} (safe on the real
 * clients); {@link #STOP_ALL} stops every request (for throwaway clients).
 */
public final class SdkDryRun {

    private static final ExecutionAttribute<Boolean> MARK = new ExecutionAttribute<>("shipgate.dryRun");

    public static final ExecutionInterceptor STOP_MARKED = new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (Boolean.TRUE.equals(attributes.getAttribute(MARK))) {
                throw new Stopped();
            }
        }
    };

    public static final ExecutionInterceptor STOP_ALL = new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            throw new Stopped();
        }
    };

    private SdkDryRun() {
    }

    /** Per-request setting that turns the call into a dry run. */
    public static void mark(AwsRequestOverrideConfiguration.Builder request) {
        request.putExecutionAttribute(MARK, Boolean.TRUE);
    }

    /** Per-request setting for real calls. */
    public static void none(AwsRequestOverrideConfiguration.Builder request) {
        // nothing to add
    }

    /** 1 when the call was stopped before sending, as intended; 0 when the SDK failed earlier or it was sent. */
    public static int stopped(Runnable call) {
        try {
            call.run();
            return 0;
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Stopped) {
                    return 1;
                }
            }
            return 0;
        }
    }

    /** Thrown instead of sending a dry-run request; the SDK passes it through and does not retry it. */
    public static final class Stopped extends RuntimeException {
        public Stopped() {
            super("dry run: request built and signed, not sent", null, false, false);
        }
    }
}
