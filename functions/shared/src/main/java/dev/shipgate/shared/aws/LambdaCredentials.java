package dev.shipgate.shared.aws;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

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
 * and again after every restore: the first call after a restore fetches a fresh set.
 */
final class LambdaCredentials implements AwsCredentialsProvider, Resource {

    private final Supplier<AwsCredentialsProvider> chains;
    private volatile AwsCredentialsProvider current;

    LambdaCredentials(Supplier<AwsCredentialsProvider> chains) {
        this.chains = chains;
        this.current = chains.get();
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
        return current.resolveCredentials();
    }

    /** Forgets every credential fetched so far; the next call asks the environment again. */
    void forget() {
        AwsCredentialsProvider previous = current;
        current = chains.get();
        if (previous instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        forget();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        forget();
    }
}
