package dev.shipgate.notifier.github;

import dev.shipgate.notifier.event.Commit;
import dev.shipgate.notifier.event.Incoming;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Sets the commit status an event implies on the execution's commit, or nothing. */
public interface CommitStatuses {

    /**
     * @param commit the execution's commit, asked only when the event sets a status
     * @throws GitHubStatusException when GitHub refused the status or did not take it in time
     */
    void update(Incoming event, Supplier<Commit> commit, LongSupplier remainingMillis);

    /** No token configured: no statuses. */
    static CommitStatuses off() {
        return (event, commit, remainingMillis) -> {
        };
    }
}
