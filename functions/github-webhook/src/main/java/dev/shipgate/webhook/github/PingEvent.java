package dev.shipgate.webhook.github;

import java.util.List;

/** What a {@code ping} tells about the hook that sent it. Absent values are null. */
public record PingEvent(
        String hookId,
        String hookType,
        List<String> events,
        String contentType,
        String repository,
        String organization,
        String zen) {
}
