package dev.shipgate.shared.aws;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

import java.util.function.Supplier;

/**
 * The HTTP client every SDK client sends through, replaced by a new one as the last step before a SnapStart
 * checkpoint, so that the snapshot holds a client that has never opened a connection: every connection after the
 * restore is new, and nothing of the renewal is left for the restore to do (building a client costs about 2 ms, which
 * the first request after a restore used to wait for).
 * <p>
 * Why a new client does that: the url-connection client keeps no pool of its own; the JDK keeps idle connections,
 * and keys each HTTPS one by the {@code SSLSocketFactory} that opened it. Each url-connection client has its own
 * factory (and so its own TLS session cache), so a new client never finds a connection, or resumes a TLS session,
 * from before the checkpoint; those the JDK closes once they have been idle for its keep-alive time.
 */
final class RenewableHttpClient implements SdkHttpClient, Resource {

    private final Renewable<SdkHttpClient> client;

    RenewableHttpClient(Supplier<SdkHttpClient> factory) {
        this.client = new Renewable<>(factory);
    }

    /** The client every SDK client shares, registered for the checkpoint hook. */
    static RenewableHttpClient registered(Supplier<SdkHttpClient> factory) {
        RenewableHttpClient http = new RenewableHttpClient(factory);
        // The runtime's CRaC context holds resources weakly; AwsClients keeps this one for the JVM's lifetime.
        Core.getGlobalContext().register(http);
        return http;
    }

    /**
     * Registered first, so it runs last of the checkpoint hooks (they run in reverse order of registration), after the
     * functions' priming; and priming's SDK calls are dry runs that never open a connection either.
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        renew();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing: the client in the snapshot was built just before the checkpoint and has not connected anywhere.
    }

    /** Requests prepared from now on go through a new client; the old one is closed. */
    void renew() {
        client.renew();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return client.current().prepareRequest(request);
    }

    @Override
    public String clientName() {
        return client.current().clientName();
    }

    @Override
    public void close() {
        client.current().close();
    }
}
