package dev.shipgate.shared.aws;

import com.sun.net.httpserver.HttpServer;
import dev.shipgate.shared.log.JsonLog;
import dev.shipgate.testing.TestContext;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.shipgate.testing.Latches.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The container-endpoint half of the chain, against an endpoint that hands out a new set of keys per request. */
class LambdaCredentialsTest {

    private static final String TOKEN = "container-token";
    private HttpServer endpoint;
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final TestContext context = new TestContext();
    private final JsonLog log = new JsonLog("lambda-credentials", context.logger());
    /** Runs before the endpoint answers a request it accepts: a test can hold the answer there. */
    private volatile Runnable holdAnswer = () -> { };

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
            holdAnswer.run();
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
        LambdaCredentials credentials = new LambdaCredentials(() -> ContainerCredentialsProvider.builder().build(), log);

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
        LambdaCredentials credentials = new LambdaCredentials(() -> ContainerCredentialsProvider.builder().build(), log);
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("ASIA1");

        credentials.beforeCheckpoint(null);
        credentials.afterRestore(null);
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("ASIA2");

        credentials.afterRestore(null);
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("ASIA3");
        assertThat(served).hasValue(3);
    }

    @Test
    void afterRestore_fetchesTheRestoredCopysKeysAtOnce_soTheFirstCallDoesNotWaitForThem() throws Exception {
        LambdaCredentials credentials = credentials();
        credentials.resolveCredentials();
        credentials.beforeCheckpoint(null);

        credentials.renewAndFetchInBackground().get(30, TimeUnit.SECONDS);
        assertThat(served).as("fetched on the after-restore thread").hasValue(2);

        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("ASIA2");
        assertThat(served).hasValue(2);
    }

    @Test
    void afterRestore_returnsWhileTheFetchIsInFlight_andACallMeanwhileWaitsForThatFetch_neverUsingTheSnapshotsKeys() throws Exception {
        LambdaCredentials credentials = credentials();
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("ASIA1");
        CountDownLatch fetchArrived = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        holdAnswer = () -> {
            fetchArrived.countDown();
            await(answer);
        };

        Future<?> fetch = credentials.renewAndFetchInBackground();
        await(fetchArrived);
        assertThat(fetch).as("the hook returned while its fetch waits for the endpoint").isNotDone();
        CompletableFuture<AwsCredentials> firstCall = CompletableFuture.supplyAsync(credentials::resolveCredentials,
                task -> Thread.ofPlatform().start(task));
        answer.countDown();

        assertThat(firstCall.get(30, TimeUnit.SECONDS).accessKeyId()).isEqualTo("ASIA2");
        fetch.get(30, TimeUnit.SECONDS);
        assertThat(served).as("the call waited for the fetch in flight instead of asking again").hasValue(2);
    }

    @Test
    void afterRestore_endpointRefuses_restoreCompletes_theFailureIsLogged_andTheFirstCallAsksAgainAndFails() throws Exception {
        LambdaCredentials credentials = credentials();
        credentials.resolveCredentials();
        System.setProperty("aws.containerAuthorizationToken", "a-token-the-endpoint-refuses");

        credentials.renewAndFetchInBackground().get(30, TimeUnit.SECONDS);

        assertThat(context.logLines()).singleElement().satisfies(line -> assertThat(line)
                .contains("\"level\":\"WARN\"", "\"event\":\"after-restore\"", "\"refresh\":\"credentials\"",
                        "\"outcome\":\"failed\"", SdkClientException.class.getName())
                .doesNotContain("a-token-the-endpoint-refuses", "secret-1", "session-1"));
        assertThatThrownBy(credentials::resolveCredentials).isInstanceOf(SdkClientException.class);
        assertThat(refused.get()).as("the hook's fetch and the call's").isGreaterThanOrEqualTo(2);
        assertThat(served).as("nothing from before the restore is used").hasValue(1);
    }

    private LambdaCredentials credentials() {
        return new LambdaCredentials(() -> ContainerCredentialsProvider.builder().build(), log);
    }
}
