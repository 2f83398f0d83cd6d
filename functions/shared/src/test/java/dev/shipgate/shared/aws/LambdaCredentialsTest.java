package dev.shipgate.shared.aws;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The container-endpoint half of the chain, against an endpoint that hands out a new set of keys per request. */
class LambdaCredentialsTest {

    private static final String TOKEN = "container-token";
    private HttpServer endpoint;
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/credentials", exchange -> {
            if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(403, -1);
                exchange.close();
                return;
            }
            int n = served.incrementAndGet();
            byte[] body = ("{\"AccessKeyId\":\"ASIA" + n + "\",\"SecretAccessKey\":\"secret-" + n + "\",\"Token\":\"session-" + n
                    + "\",\"Expiration\":\"" + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        System.setProperty("aws.containerCredentialsFullUri",
                "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/credentials");
        System.setProperty("aws.containerAuthorizationToken", TOKEN);
    }

    @AfterEach
    void stop() {
        System.clearProperty("aws.containerCredentialsFullUri");
        System.clearProperty("aws.containerAuthorizationToken");
        endpoint.stop(0);
    }

    @Test
    void credentialsComeFromTheContainerEndpoint_withTheToken_andAreCachedUntilARestore() {
        LambdaCredentials credentials = new LambdaCredentials(() -> ContainerCredentialsProvider.builder().build());

        AwsCredentials first = credentials.resolveCredentials();
        AwsCredentials again = credentials.resolveCredentials();

        assertThat(first).isInstanceOf(AwsSessionCredentials.class);
        assertThat(first.accessKeyId()).isEqualTo("ASIA1");
        assertThat(((AwsSessionCredentials) first).sessionToken()).isEqualTo("session-1");
        assertThat(again.accessKeyId()).isEqualTo("ASIA1");
        assertThat(served).hasValue(1);
        assertThat(refused).hasValue(0);
    }

    @Test
    void environmentKeysWhenLambdaSetsThem_elseTheContainerEndpoint_nothingElse() {
        assertThat(LambdaCredentials.forEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKIA1", "AWS_SECRET_ACCESS_KEY", "s")))
                .isInstanceOf(EnvironmentVariableCredentialsProvider.class);
        assertThat(LambdaCredentials.forEnvironment(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/c")))
                .isInstanceOf(ContainerCredentialsProvider.class);
        assertThat(LambdaCredentials.forEnvironment(Map.of("AWS_ACCESS_KEY_ID", " ")))
                .isInstanceOf(ContainerCredentialsProvider.class);
    }

    @Test
    void checkpointDropsTheCachedKeys_andEveryRestoreFetchesANewSet() {
        LambdaCredentials credentials = new LambdaCredentials(() -> ContainerCredentialsProvider.builder().build());
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("ASIA1");

        credentials.beforeCheckpoint(null);
        credentials.afterRestore(null);
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("ASIA2");

        credentials.afterRestore(null);
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("ASIA3");
        assertThat(served).hasValue(3);
    }

    @Test
    void afterRestore_fetchesTheRestoredCopysKeysAtOnce_soTheFirstCallDoesNotWaitForThem() {
        LambdaCredentials credentials = new LambdaCredentials(() -> ContainerCredentialsProvider.builder().build());
        credentials.resolveCredentials();
        credentials.beforeCheckpoint(null);

        credentials.afterRestore(null);
        assertThat(served).as("fetched by the hook").hasValue(2);

        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("ASIA2");
        assertThat(served).hasValue(2);
    }

    @Test
    void afterRestore_endpointRefuses_restoreCompletes_andTheFirstCallAsksAgainAndFails() {
        LambdaCredentials credentials = new LambdaCredentials(() -> ContainerCredentialsProvider.builder().build());
        credentials.resolveCredentials();
        System.setProperty("aws.containerAuthorizationToken", "a-token-the-endpoint-refuses");

        assertThat(credentials.fetchAfterRestore()).isFalse();

        assertThatThrownBy(credentials::resolveCredentials).isInstanceOf(SdkClientException.class);
        assertThat(refused.get()).as("the hook's fetch and the call's").isGreaterThanOrEqualTo(2);
        assertThat(served).as("nothing from before the restore is used").hasValue(1);
    }
}
