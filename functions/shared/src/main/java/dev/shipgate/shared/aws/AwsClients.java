package dev.shipgate.shared.aws;

import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.time.Duration;

/**
 * Builds every SDK client the same way, once, at init: the region from the Lambda environment, credentials as
 * Lambda hands them out on demand and under SnapStart ({@link LambdaCredentials}), one shared url-connection HTTP
 * client, replaced just before every SnapStart checkpoint so the snapshot holds one that has never connected
 * ({@link RenewableHttpClient}), and dry runs ({@link SdkDryRun}) enabled.
 * Endpoints are never set here: the SDK itself honours {@code AWS_ENDPOINT_URL} and
 * {@code AWS_ENDPOINT_URL_<SERVICE>}, which is how tests and the local runtime redirect clients.
 */
public final class AwsClients {

    // Registered first, so the HTTP client's checkpoint hook runs last (checkpoint hooks run in reverse order of
    // registration): after the functions' priming, the client is replaced by one that has never connected.
    private static final RenewableHttpClient HTTP = RenewableHttpClient.registered(AwsClients::http);
    private static final LambdaCredentials CREDENTIALS = LambdaCredentials.registered();

    private AwsClients() {
    }

    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C create(B builder) {
        return SdkDryRun.enable(builder, HTTP)
                .region(region())
                .credentialsProvider(CREDENTIALS)
                .build();
    }

    static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static Region region() {
        String region = System.getenv("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set (Lambda always sets it; set it for local runs)");
        }
        return Region.of(region);
    }
}
