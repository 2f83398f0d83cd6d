package dev.shipgate.shared.aws;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

import java.util.function.Supplier;

/**
 * The HTTP client every SDK client sends through, replaceable by a new one after a SnapStart restore so that no
 * connection opened before the checkpoint is used after it.
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

    /** The client every SDK client shares, registered for the restore hook. */
    static RenewableHttpClient registered(Supplier<SdkHttpClient> factory) {
        RenewableHttpClient http = new RenewableHttpClient(factory);
        // The runtime's CRaC context holds resources weakly; AwsClients keeps this one for the JVM's lifetime.
        Core.getGlobalContext().register(http);
        return http;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // Renewed after the restore, when the connections it would drop are the snapshot's.
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        renew();
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
