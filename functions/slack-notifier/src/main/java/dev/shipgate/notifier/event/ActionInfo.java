package dev.shipgate.notifier.event;

/**
 * A pipeline action and how it ended, as far as the event says: stage and action names, provider
 * ({@code CodeBuild}, {@code Lambda}, …), the action's own summary and its external execution id and URL.
 */
public record ActionInfo(String stage, String action, String provider, String category,
                         String summary, String externalId, String externalUrl, String errorCode) {
}
