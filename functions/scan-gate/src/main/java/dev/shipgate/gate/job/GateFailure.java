package dev.shipgate.gate.job;

/** Ends a job with a failure of a known type and a message a person can act on. */
public final class GateFailure extends RuntimeException {

    private final FailureType type;

    public GateFailure(FailureType type, String message) {
        super(message);
        this.type = type;
    }

    public GateFailure(FailureType type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    public FailureType type() {
        return type;
    }
}
