package dev.shipgate.notifier.github;

import dev.shipgate.notifier.event.Incoming;
import dev.shipgate.shared.json.JsonTree;

/** SnapStart priming of the status path: the status an event sets and its request body, without sending anything. */
public final class CommitStatusPriming {

    private CommitStatusPriming() {
    }

    /** Renders the request body of the status {@code event} sets; returns how many it rendered (0 or 1). */
    public static int render(Incoming event, String region) {
        return StatusRules.of(event, region).map(s -> JsonTree.write(RestGitHubStatusClient.body(s)).isEmpty() ? 0 : 1).orElse(0);
    }
}
