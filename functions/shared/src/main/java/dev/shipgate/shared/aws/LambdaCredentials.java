package dev.shipgate.shared.aws;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Credentials the way Lambda hands them out. An on-demand environment gets static keys in
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}; a SnapStart version gets none,
 * only the container credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}). Of the SDK default chain's providers only those two apply, in its
 * order: the environment's keys when they are there, else the container endpoint. Nothing else is probed
 * (profiles, web identity, instance metadata), and the container provider is not even built where static keys are
 * present: building it beside the environment provider in a chain cost a measurable share of an on-demand init.
 * <p>
 * Credentials fetched before a SnapStart checkpoint belong to the environment that was snapshotted and may have
 * expired by the time a copy is restored, days later. So the cached credentials are dropped before the checkpoint
 * and again after every restore, and the restored copy's own set is fetched at once, in {@code afterRestore}, so the
 * first request does not wait for that round trip. If that fetch fails the restore still completes (as it did before
 * the fetch moved here): nothing is cached, and the first AWS call asks the endpoint again and fails if it still
 * cannot get credentials.
 */
final class LambdaCredentials implements AwsCredentialsProvider, Resource {

    private final Renewable<AwsCredentialsProvider> provider;

    LambdaCredentials(Supplier<AwsCredentialsProvider> chains) {
        this.provider = new Renewable<>(chains);
    }

    /** The provider every client shares, registered for the checkpoint and restore hooks. */
    static LambdaCredentials registered() {
        LambdaCredentials credentials = new LambdaCredentials(() -> forEnvironment(System.getenv()));
        // The runtime's CRaC context holds resources weakly; AwsClients keeps this one for the JVM's lifetime.
        Core.getGlobalContext().register(credentials);
        return credentials;
    }

    static AwsCredentialsProvider forEnvironment(Map<String, String> environment) {
        String staticKey = environment.get("AWS_ACCESS_KEY_ID");
        return staticKey != null && !staticKey.isBlank()
                ? EnvironmentVariableCredentialsProvider.create()
                : ContainerCredentialsProvider.builder().build();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return provider.current().resolveCredentials();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        provider.renew();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        fetchAfterRestore();
    }

    /** Forgets the snapshot's credentials and fetches this copy's; true when they were fetched. */
    boolean fetchAfterRestore() {
        AwsCredentialsProvider fresh = provider.renew();
        try {
            fresh.resolveCredentials();
            return true;
        } catch (RuntimeException e) {
            // Left to the first call, which asks again and fails the request if the endpoint still refuses.
            return false;
        }
    }
}
