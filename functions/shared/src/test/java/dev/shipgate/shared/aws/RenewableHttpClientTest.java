package dev.shipgate.shared.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RenewableHttpClientTest {

    /** An HTTP client that records what it was asked to do. */
    private static final class Recording implements SdkHttpClient {
        final int generation;
        int prepared;
        boolean closed;

        Recording(int generation) {
            this.generation = generation;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            prepared++;
            return null;
        }

        @Override
        public String clientName() {
            return "recording-" + generation;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final HttpExecuteRequest REQUEST = HttpExecuteRequest.builder().request(SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST).uri(URI.create("https://secretsmanager.us-east-1.amazonaws.com/")).build()).build();

    @Test
    void theSnapshotHoldsANewClient_builtAtTheCheckpoint_andTheOneThatSentBeforeItIsClosed() {
        List<Recording> built = new ArrayList<>();
        RenewableHttpClient http = new RenewableHttpClient(() -> {
            Recording client = new Recording(built.size());
            built.add(client);
            return client;
        });
        http.prepareRequest(REQUEST);

        http.beforeCheckpoint(null);
        assertThat(built).hasSize(2);
        assertThat(built.get(1).prepared).as("the client in the snapshot has sent nothing").isZero();
        http.afterRestore(null);
        http.prepareRequest(REQUEST);

        assertThat(built).hasSize(2);
        assertThat(built.get(0).prepared).isEqualTo(1);
        assertThat(built.get(0).closed).isTrue();
        assertThat(built.get(1).prepared).isEqualTo(1);
        assertThat(built.get(1).closed).isFalse();
        assertThat(http.clientName()).isEqualTo("recording-1");
    }

    @Test
    void eachUrlConnectionClient_hasItsOwnTlsSocketFactory_soNoPooledConnectionCarriesOver() throws ReflectiveOperationException {
        // The JDK keys each idle HTTPS connection by the SSLSocketFactory that opened it; the renewal relies on
        // every url-connection client having its own (checked here, so an SDK upgrade that shares one fails).
        try (SdkHttpClient first = AwsClients.http();
             SdkHttpClient second = AwsClients.http()) {

            assertThat(socketFactory(first)).isNotNull().isSameAs(socketFactory(first)).isNotSameAs(socketFactory(second));
        }
    }

    /** The socket factory of the connection the client prepares for a request (prepared, never connected). */
    private static SSLSocketFactory socketFactory(SdkHttpClient client) throws ReflectiveOperationException {
        ExecutableHttpRequest prepared = client.prepareRequest(REQUEST);
        Field connection = prepared.getClass().getDeclaredField("connection");
        connection.setAccessible(true);
        return ((HttpsURLConnection) connection.get(prepared)).getSSLSocketFactory();
    }
}
