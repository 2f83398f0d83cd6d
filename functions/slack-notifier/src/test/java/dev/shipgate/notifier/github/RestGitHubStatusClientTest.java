package dev.shipgate.notifier.github;

import dev.shipgate.testing.GitHubStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The REST client against the GitHub stand-in: the request GitHub expects, and which answers are retried and how long it waits. */
class RestGitHubStatusClientTest {

    private static final String TOKEN = "github_pat_11AAAAAAA0localtoken_abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String REPO = "acme/shop-api";
    private static final String SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
    private static final CommitStatus FAILED = new CommitStatus(CommitStatus.PIPELINE, CommitStatus.FAILURE,
            "CodePipeline shop: failed in stage Build", "https://us-east-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/shop/view");
    private static final long NOW = Instant.parse("2026-12-03T12:00:00Z").toEpochMilli();

    private final GitHubStandIn github = new GitHubStandIn(TOKEN, REPO).start();
    private final List<Long> waits = new ArrayList<>();
    /** The invocation's remaining time: 30 s, minus every wait. */
    private final AtomicLong remaining = new AtomicLong(30_000);
    private final LongSupplier remainingMillis = remaining::get;
    private final RestGitHubStatusClient client = new RestGitHubStatusClient(github.endpoint(), () -> TOKEN,
            millis -> {
                waits.add(millis);
                remaining.addAndGet(-millis);
            }, () -> NOW);

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void create_sendsWhatGitHubExpects() {
        client.create(REPO, SHA, FAILED, remainingMillis);

        GitHubStandIn.Call call = github.calls().get(0);
        assertThat(call.created()).isTrue();
        assertThat(call.path()).isEqualTo("/repos/acme/shop-api/statuses/" + SHA);
        assertThat(call.authorization()).isEqualTo("Bearer");
        assertThat(call.accept()).isEqualTo("application/vnd.github+json");
        assertThat(call.apiVersion()).isEqualTo("2022-11-28");
        assertThat(call.userAgent()).isEqualTo("shipgate-slack-notifier");
        assertThat(call.body().toString()).isEqualTo("{\"state\":\"failure\",\"target_url\":\"" + FAILED.targetUrl()
                + "\",\"description\":\"CodePipeline shop: failed in stage Build\",\"context\":\"shipgate/pipeline\"}");
        assertThat(waits).isEmpty();
    }

    @Test
    void create_secondaryRateLimitWithRetryAfter_waitsThatLongThenCreates() {
        github.secondaryRateLimitNext(3);

        client.create(REPO, SHA, FAILED, remainingMillis);

        assertThat(github.calls()).extracting(GitHubStandIn.Call::status).containsExactly(403, 201);
        assertThat(waits).containsExactly(3_000L);
    }

    @Test
    void create_primaryRateLimitUsedUp_waitsUntilTheResetThenCreates() {
        github.primaryRateLimitNext(Instant.ofEpochMilli(NOW).plusSeconds(5));

        client.create(REPO, SHA, FAILED, remainingMillis);

        assertThat(github.calls()).extracting(GitHubStandIn.Call::status).containsExactly(403, 201);
        assertThat(waits).containsExactly(6_000L);
    }

    @Test
    void create_429WithoutHeaders_waitsAMinuteOnlyIfTimeAllows_elseFailsForALaterRetry() {
        github.answerNext(429, "Too many requests", Map.of());

        GitHubStatusException e = catchThrowableOfType(GitHubStatusException.class,
                () -> client.create(REPO, SHA, FAILED, remainingMillis));

        assertThat(e.permanent()).isFalse();
        assertThat(e.status()).isEqualTo(429);
        assertThat(e).hasMessageContaining("no time is left");
        assertThat(waits).as("a wait longer than the invocation has left is not started").isEmpty();
        assertThat(github.calls()).hasSize(1);
    }

    @Test
    void create_serverErrors_backOffExponentiallyThenCreate() {
        github.answerNext(502, "Server Error", Map.of()).answerNext(503, "Unavailable", Map.of()).answerNext(500, "oops", Map.of());

        client.create(REPO, SHA, FAILED, remainingMillis);

        assertThat(github.calls()).extracting(GitHubStandIn.Call::status).containsExactly(502, 503, 500, 201);
        assertThat(waits).containsExactly(200L, 400L, 800L);
    }

    @Test
    void create_serverErrorsUntilTimeRunsOut_failsNotPermanentWithinTheInvocation() {
        for (int i = 0; i < 40; i++) {
            github.answerNext(500, "oops", Map.of());
        }
        remaining.set(9_000);

        GitHubStatusException e = catchThrowableOfType(GitHubStatusException.class,
                () -> client.create(REPO, SHA, FAILED, remainingMillis));

        assertThat(e.permanent()).isFalse();
        assertThat(e.status()).isEqualTo(500);
        assertThat(remaining.get()).isGreaterThanOrEqualTo(RestGitHubStatusClient.MIN_ATTEMPT_MILLIS);
        assertThat(waits).containsExactly(200L, 400L, 800L, 1_600L, 3_200L);
    }

    @Test
    void create_refusals_notRetriedAndExplained() {
        github.answerNext(401, "Bad credentials", Map.of())
                .answerNext(403, "Resource not accessible by personal access token", Map.of())
                .answerNext(404, "Not Found", Map.of())
                .answerNext(422, "Validation Failed", Map.of());

        List<GitHubStatusException> refusals = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            refusals.add(catchThrowableOfType(GitHubStatusException.class, () -> client.create(REPO, SHA, FAILED, remainingMillis)));
        }

        assertThat(refusals).extracting(GitHubStatusException::status).containsExactly(401, 403, 404, 422);
        assertThat(refusals).allMatch(GitHubStatusException::permanent);
        assertThat(refusals.get(0)).hasMessageContaining("Bad credentials").hasMessageContaining("wrong, expired or revoked");
        assertThat(refusals.get(1)).hasMessageContaining("Commit statuses: Read and write");
        assertThat(github.calls()).hasSize(4);
        assertThat(waits).isEmpty();
    }

    @Test
    void create_wrongToken_refusedByTheStandIn_andTheTokenIsInNoMessage() {
        RestGitHubStatusClient wrong = new RestGitHubStatusClient(github.endpoint(), () -> "ghp_wrongwrongwrongwrongwrongwrong0000",
                millis -> { }, () -> NOW);

        GitHubStatusException badCredentials = catchThrowableOfType(GitHubStatusException.class,
                () -> wrong.create(REPO, SHA, FAILED, remainingMillis));
        github.answerNext(422, "token " + TOKEN + " echoed", Map.of());
        GitHubStatusException echoed = catchThrowableOfType(GitHubStatusException.class,
                () -> client.create(REPO, SHA, FAILED, remainingMillis));

        assertThat(badCredentials.status()).isEqualTo(401);
        assertThat(badCredentials.getMessage()).doesNotContain("ghp_wrong");
        assertThat(echoed.getMessage()).doesNotContain(TOKEN).contains("***");
    }

    @Test
    void create_notAFullShaOrNotAnOwnerName_refusedBeforeSending() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> client.create(REPO, "9fceb02", FAILED, remainingMillis)))
                .hasMessageContaining("40-hex");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> client.create("acme/..", SHA, FAILED, remainingMillis)))
                .hasMessageContaining("owner/name");
        assertThat(github.calls()).isEmpty();
    }
}
