package dev.shipgate.webhook.delivery;

import dev.shipgate.shared.secret.SecretCache;
import dev.shipgate.testing.Events;
import dev.shipgate.webhook.github.RefPatterns;
import dev.shipgate.webhook.signature.WebhookSecret;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GitHub's published bodies (events/real/github-webhook/octokit, see events/real/SOURCES.md) as JSON and
 * as form deliveries: `head_commit: null` and `commits: []` on tag deletions, an organization ping without
 * `repository`, `pushed_at` as an integer beside ISO `created_at`, committers without `username`.
 */
class RealGitHubBodiesTest {

    private final AtomicLong clock = new AtomicLong(10_000);
    private final DeliveryServiceTest.RecordingStarter starter = new DeliveryServiceTest.RecordingStarter();

    private DeliveryService service() {
        return new DeliveryService(
                new DeliveryService.Rules("Codertocat/Hello-World", RefPatterns.parse("master"), RefPatterns.parse("v*"), "p", "Source"),
                new SecretCache<>(() -> WebhookSecret.parse(DeliveryServiceTest.SECRET), clock::get, 60_000, Long.MAX_VALUE),
                new DeliveryServiceTest.MemoryLedger(),
                new StartRetry(starter, StartRetry.Policy.DEFAULT, clock::get, clock::addAndGet, c -> c), () -> 1_764_280_800L);
    }

    @ParameterizedTest(name = "{0} as {2}")
    @CsvSource(delimiter = '|', value = {
            "push-branch-created.json                      | push   | json | 202 | started |",
            "push-branch-created-no-username-committer.json | push  | form | 202 | started |",
            "push-branch-created.json                      | push   | form | 202 | started |",
            "push-tag-deleted.json                         | push   | json | 202 | skipped | tag simple-tag was deleted",
            "push-tag-deleted-1.json                       | push   | form | 202 | skipped | tag simple-tag was deleted",
            "push-tag-deleted-with-installation.json       | push   | json | 202 | skipped | tag simple-tag was deleted",
            "push-tag-deleted-with-organization.json       | push   | form | 202 | skipped | tag simple-tag was deleted",
            "create-tag.json                               | create | json | 202 | ignored |",
            "delete-tag.json                               | delete | form | 202 | ignored |",
            "ping-organization.json                        | ping   | json | 200 | pong    |",
            "ping-repository.json                          | ping   | form | 200 | pong    |",
            "ping-repository-with-app-id.json              | ping   | json | 200 | pong    |"})
    void publishedBody_signedAsGitHubWould_getsTheRightAnswer(String file, String event, String form, int status, String answer, String reason) {
        String json = Events.read("real/github-webhook/octokit", file);
        String body = form.equals("form") ? "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8) : json;
        String contentType = form.equals("form") ? "application/x-www-form-urlencoded" : "application/json";

        Outcome outcome = service().handle(DeliveryServiceTest.signed(event, "3b8a1c5e-7f77-11e9-8f9e-2a86e4085a59", contentType, body), clock.get() + 7_000);

        assertThat(outcome.status()).isEqualTo(status);
        assertThat(outcome.body()).containsEntry("status", answer);
        if (reason != null) {
            assertThat(outcome.body()).containsEntry("reason", reason);
        }
        if (answer.equals("started")) {
            assertThat(starter.calls).singleElement().satisfies(start -> {
                assertThat(start.commitId()).isEqualTo("6113728f27ae82c7b1a177c8d03f9e96e0adf246");
                assertThat(start.variables()).containsEntry("BRANCH", "master").containsEntry("COMMIT_MESSAGE", "Initial commit");
            });
        } else {
            assertThat(starter.calls).isEmpty();
        }
    }
}
