package dev.shipgate.notifier;

import dev.shipgate.shared.init.ClassPreloader;
import dev.shipgate.shared.log.JsonLog;
import org.crac.Context;
import org.crac.Resource;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * SnapStart priming: before the snapshot, loads the recorded class list, then runs synthetic events end to end
 * through the handler's code and the real {@link NotifierService} with its real adapters ({@link PrimingInvocations}:
 * SDK calls answered by {@code SdkDryRun}, Slack and GitHub in-memory stand-ins), so parsing, the service's decisions,
 * rendering, the state and execution lookups and the SDK's request and response paths are loaded and linked in the
 * snapshot. Nothing leaves the process; a synthetic event that does not end as a real one would fails the checkpoint.
 */
final class NotifierPriming implements Resource {

    private final PrimingInvocations invocations;
    private final JsonLog log;
    private final Runnable afterRestore;

    /**
     * @param afterRestore forgets what must not be trusted after a restore (the secrets) and starts reading them again
     *                     in the background; returns at once
     */
    NotifierPriming(PrimingInvocations invocations, JsonLog log, Runnable afterRestore) {
        this.invocations = invocations;
        this.log = log;
        this.afterRestore = afterRestore;
    }

    /** Fails the checkpoint when any step primed nothing: a snapshot that is not primed must not be published. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        int preloaded = ClassPreloader.loadAll(NotifierPriming.class);
        if (preloaded == 0) {
            throw new IllegalStateException("priming loaded no class: " + ClassPreloader.LIST + " is missing or stale");
        }
        PrimingInvocations.Primed primed = invocations.run(this);
        try {
            // Slack is reached over the JDK's own TLS context (the SDK clients have their own): set it up now.
            SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context for Slack", e);
        }
        log.info("snapstart-priming", Map.of("classesPreloaded", preloaded, "invocationsPrimed", primed.invocations(),
                "slackPostsToStandIn", primed.slackPosts(), "commitStatusesToStandIn", primed.commitStatuses(),
                "sdkCallsAnswered", primed.dynamoDbCalls() + primed.codePipelineCalls()));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        afterRestore.run();
    }
}
