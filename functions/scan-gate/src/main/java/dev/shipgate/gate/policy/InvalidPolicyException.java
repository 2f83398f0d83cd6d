package dev.shipgate.gate.policy;

/** The policy file cannot be used; the message names the file, the key and what is wrong. */
public final class InvalidPolicyException extends RuntimeException {
    public InvalidPolicyException(String message) {
        super(message);
    }
}
