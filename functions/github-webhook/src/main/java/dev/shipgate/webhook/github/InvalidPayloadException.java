package dev.shipgate.webhook.github;

/** The (verified) payload cannot be read; the message says what is wrong without quoting the payload. */
public final class InvalidPayloadException extends Exception {
    public InvalidPayloadException(String message) {
        super(message);
    }
}
