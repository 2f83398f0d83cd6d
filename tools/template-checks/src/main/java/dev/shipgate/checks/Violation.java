package dev.shipgate.checks;

/** One broken rule: which template resource (or file) and what is wrong with it, in words a person can act on. */
public record Violation(String subject, String problem) {

    @Override
    public String toString() {
        return subject + ": " + problem;
    }
}
