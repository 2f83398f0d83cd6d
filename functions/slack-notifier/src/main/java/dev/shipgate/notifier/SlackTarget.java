package dev.shipgate.notifier;

import java.net.URI;

/** Where the notifier posts: an incoming webhook, or a channel through the Web API with a bot token. */
public sealed interface SlackTarget {

    /** The incoming webhook whose URL the secret holds: one message per selected event. */
    record Webhook(String secretArn) implements SlackTarget {
    }

    /** A channel through the Web API ({@code apiUrl}, normally https://slack.com/api): one thread per execution. */
    record WebApi(String tokenSecretArn, String channel, URI apiUrl) implements SlackTarget {
    }
}
