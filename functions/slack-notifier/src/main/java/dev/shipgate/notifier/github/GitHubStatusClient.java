package dev.shipgate.notifier.github;

import java.util.function.LongSupplier;

/** Creates commit statuses on GitHub, retrying what can be retried while the invocation has time. */
public interface GitHubStatusClient {

    /**
     * Sets {@code status} on commit {@code sha} of {@code repository} ({@code owner/name}). Returns once GitHub created
     * it; throws {@link GitHubStatusException} when GitHub refused it or time ran out.
     */
    void create(String repository, String sha, CommitStatus status, LongSupplier remainingMillis);
}
