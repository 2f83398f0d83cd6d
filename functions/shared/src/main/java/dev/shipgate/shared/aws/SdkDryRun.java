package dev.shipgate.shared.aws;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * SDK calls run on the function's real clients for warm-up and SnapStart priming, without reaching the network.
 * Endpoint resolution, marshalling and SigV4 signing run for real. Then a request marked with {@link #mark} is
 * stopped just before transmission, and one marked with {@link #answer} gets the given response instead of being
 * sent, so the response path (unmarshalling, the response model classes) runs as well. {@link #enable} installs
 * what makes both work; {@link AwsClients} does so on every client. Unmarked requests are untouched.
 * <p>
 * Answered requests fail closed: they are addressed to an unresolvable host ({@code .invalid}), so if the
 * answering HTTP client were missing they could not reach any server, and a response that did not come from it
 * fails the call. Answers go through the SDK's retry policy like real responses: give only 2xx answers at init.
 */
public final class SdkDryRun {

    /**
     * Carried by an answered request from the interceptor to {@link AnsweringHttpClient} and back; never sent. Its
     * value is new for every request (random, drawn when the request is made, never before a SnapStart checkpoint),
     * so no response a server could send is taken for an answer.
     */
    static final String ANSWER_HEADER = "x-shipgate-dry-run";
    private static final String NOWHERE = "dry-run.invalid";

    private static final ExecutionAttribute<Boolean> MARK = new ExecutionAttribute<>("shipgate.dryRun");
    private static final ExecutionAttribute<Answer> ANSWER = new ExecutionAttribute<>("shipgate.dryRunAnswer");
    private static final ExecutionAttribute<String> ANSWER_TOKEN = new ExecutionAttribute<>("shipgate.dryRunAnswerToken");

    private static final ExecutionInterceptor INTERCEPTOR = new ExecutionInterceptor() {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            if (attributes.getAttribute(ANSWER) == null) {
                return context.httpRequest();
            }
            String token = UUID.randomUUID().toString();
            attributes.putAttribute(ANSWER_TOKEN, token);
            return context.httpRequest().toBuilder().host(NOWHERE).putHeader(ANSWER_HEADER, token).build();
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (Boolean.TRUE.equals(attributes.getAttribute(MARK))) {
                throw new Stopped();
            }
        }

        @Override
        public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            Answer answer = attributes.getAttribute(ANSWER);
            if (answer == null) {
                return context.httpResponse();
            }
            String token = attributes.getAttribute(ANSWER_TOKEN);
            if (token == null || !context.httpResponse().firstMatchingHeader(ANSWER_HEADER).filter(token::equals).isPresent()) {
                throw new IllegalStateException("dry run: the response did not come from the answering HTTP client");
            }
            return SdkHttpResponse.builder().statusCode(answer.status()).headers(answer.headers()).build();
        }

        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
            Answer answer = attributes.getAttribute(ANSWER);
            return answer == null ? context.responseBody() : Optional.of(new ByteArrayInputStream(answer.body()));
        }
    };

    private SdkDryRun() {
    }

    /**
     * Makes a client builder dry-run capable: the interceptor above, and {@code http} wrapped so that answered
     * requests never reach it. Keeps the builder's other override settings.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B enable(B builder, SdkHttpClient http) {
        ClientOverrideConfiguration current = builder.overrideConfiguration();
        ClientOverrideConfiguration.Builder settings = current == null ? ClientOverrideConfiguration.builder() : current.toBuilder();
        return builder.httpClient(new AnsweringHttpClient(http))
                .overrideConfiguration(settings.addExecutionInterceptor(INTERCEPTOR).build());
    }

    /** Per-request setting that turns the call into a dry run stopped before sending. */
    public static void mark(AwsRequestOverrideConfiguration.Builder request) {
        request.putExecutionAttribute(MARK, Boolean.TRUE);
    }

    /** Per-request setting that turns the call into a dry run answered with {@code answer} instead of being sent. */
    public static Consumer<AwsRequestOverrideConfiguration.Builder> answer(Answer answer) {
        return request -> request.putExecutionAttribute(ANSWER, answer);
    }

    /** Per-request setting for real calls. */
    public static void none(AwsRequestOverrideConfiguration.Builder request) {
        // nothing to add
    }

    /** 1 when the call was stopped before sending, as intended; 0 when the SDK failed earlier or it was sent. */
    public static int stopped(Runnable call) {
        try {
            call.run();
            return 0;
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Stopped) {
                    return 1;
                }
            }
            return 0;
        }
    }

    /**
     * 1 when an answered call completed and {@code readAsExpected} (the call, reading its response) found what the
     * answer holds; 0 otherwise. A dry run never fails the caller.
     */
    public static int answered(BooleanSupplier readAsExpected) {
        try {
            return readAsExpected.getAsBoolean() ? 1 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The response a dry run gets instead of the network's: shaped like the service's real one. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        public Answer {
            headers = Map.copyOf(headers);
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        public static Answer ok(String contentType, byte[] body) {
            return new Answer(200, Map.of("Content-Type", List.of(contentType),
                    "Content-Length", List.of(Integer.toString(body.length)),
                    "x-amzn-RequestId", List.of("00000000-0000-0000-0000-000000000000")), body);
        }
    }

    /** Thrown instead of sending a dry-run request; the SDK passes it through and does not retry it. */
    public static final class Stopped extends RuntimeException {
        public Stopped() {
            super("dry run: request built and signed, not sent", null, false, false);
        }
    }

    /**
     * The one HTTP client, wrapped: requests the interceptor addressed to the unresolvable dry-run host with an
     * {@link #ANSWER_HEADER} get an empty 200 here carrying the request's token back (the interceptor then checks
     * the token and puts the dry run's answer in its place); every other request goes to the real client. An answered
     * request's body is read to its end first, as a real client sends it: the SDK makes it while it is read (S3's
     * chunked encoding and checksum trailer), and that code would otherwise first run on a real request.
     */
    static final class AnsweringHttpClient implements SdkHttpClient {

        private final SdkHttpClient delegate;

        AnsweringHttpClient(SdkHttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            Optional<String> token = request.httpRequest().firstMatchingHeader(ANSWER_HEADER);
            if (!NOWHERE.equals(request.httpRequest().host()) || token.isEmpty()) {
                return delegate.prepareRequest(request);
            }
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    if (request.contentStreamProvider().isPresent()) {
                        try (InputStream body = request.contentStreamProvider().get().newStream()) {
                            body.transferTo(OutputStream.nullOutputStream());
                        }
                    }
                    return HttpExecuteResponse.builder().response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader(ANSWER_HEADER, token.get()).build())
                            .responseBody(AbortableInputStream.create(InputStream.nullInputStream())).build();
                }

                @Override
                public void abort() {
                    // nothing in flight
                }
            };
        }

        @Override
        public String clientName() {
            return delegate.clientName();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
