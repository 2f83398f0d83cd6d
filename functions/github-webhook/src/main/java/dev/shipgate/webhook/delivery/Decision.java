package dev.shipgate.webhook.delivery;

/** What was decided for a delivery, with the HTTP status GitHub sees. */
public enum Decision {
    REJECTED(401),
    BAD_REQUEST(400),
    CONFLICT(409),
    UNSUPPORTED_MEDIA_TYPE(415),
    PONG(200),
    STARTED(202),
    ALREADY_STARTED(202),
    SKIPPED(202),
    IGNORED(202),
    FAILED(500),
    UNAVAILABLE(503);

    private final int status;

    Decision(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
