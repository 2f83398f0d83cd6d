package dev.shipgate.shared.aws;

import dev.shipgate.shared.init.BackgroundRefresh;
import dev.shipgate.shared.log.JsonLog;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
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
 * and again in {@code afterRestore}, before it returns: from then on only the restored copy's own set can be used. That
 * set is fetched at once, but on the after-restore thread ({@link BackgroundRefresh}), so the round trip overlaps the
 * first invocation instead of lengthening the restore. An AWS call made while that fetch is in flight waits for it:
 * the SDK's container provider caches through a {@code CachedSupplier}, whose refresh runs under a lock that a
 * concurrent caller waits on (up to 5 s, then it fetches itself) before it checks the cache again. If the fetch fails
 * the restore is not affected: one warn line is logged, nothing is cached (a provider with no value rethrows the
 * failure), and the first AWS call asks the endpoint again and fails if it still cannot get credentials.
 */
final class LambdaCredentials implements AwsCredentialsProvider, Resource {

    private final Renewable<AwsCredentialsProvider> provider;
    private final JsonLog log;

    LambdaCredentials(Supplier<AwsCredentialsProvider> chains, JsonLog log) {
        this.provider = new Renewable<>(chains);
        this.log = log;
    }

    /** The provider every client shares, registered for the checkpoint and restore hooks. */
    static LambdaCredentials registered() {
        LambdaCredentials credentials = new LambdaCredentials(() -> forEnvironment(System.getenv()), new JsonLog("lambda-credentials"));
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
        BackgroundRefresh.prepare();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        renewAndFetchInBackground();
    }

    /**
     * Forgets the snapshot's credentials now and fetches this copy's on the after-restore thread; the future is done
     * when that fetch is over, failed or not.
     */
    Future<?> renewAndFetchInBackground() {
        AwsCredentialsProvider fresh = provider.renew();
        return BackgroundRefresh.start(log, List.of(new BackgroundRefresh.Step("credentials", fresh::resolveCredentials)));
    }
}
