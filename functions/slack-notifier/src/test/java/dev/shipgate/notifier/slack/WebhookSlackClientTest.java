package dev.shipgate.notifier.slack;

import dev.shipgate.testing.SlackReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WebhookSlackClientTest {

    private static final String MESSAGE = "{\"text\":\"hello\",\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"hello\"}}]}";

    private final SlackReceiver slack = new SlackReceiver().start();
    private final List<Long> waits = new CopyOnWriteArrayList<>();
    private final WebhookSlackClient client = new WebhookSlackClient(slack.webhookUrl(), waits::add);

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void send_slackAnswersOk_deliveredOnce() {
        client.send(MESSAGE, () -> 30_000);

        assertThat(slack.accepted()).hasSize(1);
        assertThat(slack.accepted().get(0).path("text").asText()).isEqualTo("hello");
        assertThat(waits).isEmpty();
    }

    @Test
    void send_rateLimitedWithRetryAfter_waitsThatLongThenDelivers() {
        slack.answerNext(429, "rate_limited", Map.of("Retry-After", "3"));

        client.send(MESSAGE, () -> 30_000);

        assertThat(waits).containsExactly(3_000L);
        assertThat(slack.deliveries()).extracting(SlackReceiver.Delivery::status).containsExactly(429, 200);
    }

    @Test
    void send_rateLimitedWithRealSleep_retriesAfterTheWait() {
        WebhookSlackClient sleeping = new WebhookSlackClient(slack.webhookUrl());
        slack.answerNext(429, "rate_limited", Map.of("Retry-After", "1"));
        long start = System.nanoTime();

        sleeping.send(MESSAGE, () -> 30_000);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1_000);
        assertThat(slack.accepted()).hasSize(1);
    }

    @Test
    void send_serverErrors_retriedWithGrowingBackoffUntilAccepted() {
        slack.answerNext(500, "rollup_error").answerNext(503, "service unavailable").answerNext(502, "");

        client.send(MESSAGE, () -> 30_000);

        assertThat(waits).containsExactly(200L, 400L, 800L);
        assertThat(slack.accepted()).hasSize(1);
    }

    @Test
    void send_retryAfterLongerThanRemainingTime_failsWithoutWaiting() {
        slack.answerNext(429, "rate_limited", Map.of("Retry-After", "60"));

        SlackDeliveryException e = catchThrowableOfType(SlackDeliveryException.class, () -> client.send(MESSAGE, () -> 20_000));

        assertThat(e.permanent()).isFalse();
        assertThat(e.status()).isEqualTo(429);
        assertThat(e).hasMessageContaining("no time is left");
        assertThat(waits).isEmpty();
    }

    @Test
    void send_serverErrorsUntilTimeRunsOut_failsAndSaysSo() {
        long[] remaining = {6_000};
        WebhookSlackClient clock = new WebhookSlackClient(slack.webhookUrl(), millis -> {
            waits.add(millis);
            remaining[0] -= millis;
        });
        for (int i = 0; i < 20; i++) {
            slack.answerNext(500, "rollup_error");
        }

        assertThatThrownBy(() -> clock.send(MESSAGE, () -> remaining[0]))
                .isInstanceOf(SlackDeliveryException.class).hasMessageContaining("HTTP 500 rollup_error");
        assertThat(waits).isNotEmpty().allMatch(w -> w <= WebhookSlackClient.MAX_BACKOFF_MILLIS);
        assertThat(remaining[0]).isGreaterThan(0);
    }

    @ParameterizedTest
    @CsvSource({"400, invalid_payload", "400, user_not_found", "403, action_prohibited", "404, channel_not_found",
            "404, no_team", "410, channel_is_archived", "400, invalid_blocks"})
    void send_slackRefuses_failsAtOnceWithSlacksErrorAndNoUrl(int status, String error) {
        slack.answerNext(status, error);

        SlackDeliveryException e = catchThrowableOfType(SlackDeliveryException.class, () -> client.send(MESSAGE, () -> 30_000));

        assertThat(e.permanent()).isTrue();
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.slackError()).isEqualTo(error);
        assertThat(e.getMessage()).contains(error).doesNotContain(SlackReceiver.WEBHOOK_PATH).doesNotContain("127.0.0.1");
        assertThat(slack.deliveries()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void send_slackNeverAnswers_timesOutAndFailsWithinTheInvocation() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + SlackReceiver.WEBHOOK_PATH);
            long deadline = System.currentTimeMillis() + 4_000;
            WebhookSlackClient hanging = new WebhookSlackClient(url);

            SlackDeliveryException e = catchThrowableOfType(SlackDeliveryException.class,
                    () -> hanging.send(MESSAGE, () -> deadline - System.currentTimeMillis()));

            assertThat(e.permanent()).isFalse();
            assertThat(e).hasMessageContaining("timed out").hasMessageNotContaining(String.valueOf(silent.getLocalPort()));
            assertThat(System.currentTimeMillis()).isLessThanOrEqualTo(deadline);
        }
    }

    @Test
    void slackError_bodyWithControlCharacters_madeSafeAndShort() {
        assertThat(WebhookSlackClient.slackError("bad\nthing")).isEqualTo("bad?thing");
        assertThat(WebhookSlackClient.slackError("x".repeat(500))).hasSize(203);
        assertThat(WebhookSlackClient.slackError("")).isEqualTo("(empty body)");
    }
}
