package dev.shipgate.notifier.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.testing.SlackWebApiStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Web API client against the Slack Web API stand-in: request shape, retries and refusals. */
class WebApiSlackChatTest {

    private final SlackWebApiStandIn slack = new SlackWebApiStandIn().start();
    private final List<Long> waits = new ArrayList<>();
    private final WebApiSlackChat chat = new WebApiSlackChat(slack.apiUrl(), SlackWebApiStandIn.CHANNEL,
            () -> SlackWebApiStandIn.BOT_TOKEN, waits::add);

    @AfterEach
    void stop() {
        slack.close();
    }

    private static ObjectNode message(String text) {
        ObjectNode message = JsonNodeFactory.instance.objectNode().put("text", text);
        message.putArray("blocks").addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", text);
        return message;
    }

    @Test
    void postReplyThenUpdate_requestsCarryChannelThreadBroadcastAndTs() {
        String parent = chat.post(message("parent"), null, false, () -> 10_000);
        String reply = chat.post(message("reply"), parent, true, () -> 10_000);
        chat.update(parent, message("parent, now failed"), () -> 10_000);

        List<SlackWebApiStandIn.Call> calls = slack.calls();
        assertThat(calls).allMatch(SlackWebApiStandIn.Call::ok).extracting(SlackWebApiStandIn.Call::method)
                .containsExactly("chat.postMessage", "chat.postMessage", "chat.update");
        assertThat(calls.get(0).body().has("thread_ts")).isFalse();
        assertThat(calls.get(1).threadTs()).isEqualTo(parent);
        assertThat(calls.get(1).broadcast()).isTrue();
        assertThat(reply).isNotEqualTo(parent);
        assertThat(slack.message(parent).path("text").asText()).isEqualTo("parent, now failed");
    }

    @Test
    void botTokenUnreadable_failsNotPermanentWithoutCallingSlack() {
        WebApiSlackChat unreadable = new WebApiSlackChat(slack.apiUrl(), SlackWebApiStandIn.CHANNEL, () -> {
            throw new IllegalStateException("Secrets Manager unavailable");
        }, waits::add);

        SlackDeliveryException e = catchThrowableOfType(SlackDeliveryException.class,
                () -> unreadable.post(message("hello"), null, false, () -> 10_000));

        assertThat(e.permanent()).as("retried").isFalse();
        assertThat(e.slackError()).isEqualTo(WebApiSlackChat.TOKEN_UNAVAILABLE);
        assertThat(slack.calls()).isEmpty();
    }

    @Test
    void transientSlackError_retriedWithBackoff_thenPosted() {
        slack.failNext("internal_error").failNext("service_unavailable");

        chat.post(message("hello"), null, false, () -> 10_000);

        assertThat(slack.calls()).extracting(SlackWebApiStandIn.Call::error).containsExactly("internal_error", "service_unavailable", null);
        assertThat(waits).containsExactly(WebhookSlackClient.backoff(1), WebhookSlackClient.backoff(2));
    }

    @Test
    void ratelimited_waitsRetryAfterSeconds() {
        slack.rateLimitNext(2, 3);

        chat.post(message("hello"), null, false, () -> 20_000);

        assertThat(waits).containsExactly(3_000L, 3_000L);
        assertThat(slack.accepted("chat.postMessage")).hasSize(1);
    }

    @Test
    void ratelimitedLongerThanTheInvocationHasLeft_failsNotPermanent() {
        slack.rateLimitNext(1, 30);

        SlackDeliveryException e = catchThrowableOfType(SlackDeliveryException.class,
                () -> chat.post(message("hello"), null, false, () -> 10_000));

        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).contains("ratelimited").doesNotContain(SlackWebApiStandIn.BOT_TOKEN);
        assertThat(waits).isEmpty();
    }

    @Test
    void updateOfAMessageSlackDoesNotHave_permanentMessageNotFound() {
        SlackDeliveryException e = catchThrowableOfType(SlackDeliveryException.class,
                () -> chat.update("1700000000.000001", message("x"), () -> 10_000));

        assertThat(e.permanent()).isTrue();
        assertThat(e.slackError()).isEqualTo("message_not_found");
    }
}
