package dev.shipgate.gate.scan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Follows {@code nextToken} until the last page. Refuses to loop: a token seen twice or more than
 * {@link #MAX_PAGES} pages ends the walk with an error instead of hanging the job.
 */
public final class Pages {

    /** 1,000 pages of 1,000 findings: far beyond any real image. */
    public static final int MAX_PAGES = 1000;

    private Pages() {
    }

    /** One page: its items and the token of the next page (null or empty on the last). */
    public record Page<T>(List<T> items, String nextToken) {
    }

    /** Walks from the first page (already fetched) through every next page. */
    public static <T> List<T> collect(Page<T> first, Function<String, Page<T>> fetch) {
        List<T> all = new ArrayList<>(first.items());
        Set<String> seen = new HashSet<>();
        String token = first.nextToken();
        int pages = 1;
        while (token != null && !token.isEmpty()) {
            if (!seen.add(token)) {
                throw new IllegalStateException("the findings pages repeat nextToken after page " + pages + "; stopped instead of looping");
            }
            if (++pages > MAX_PAGES) {
                throw new IllegalStateException("more than " + MAX_PAGES + " pages of findings; stopped");
            }
            Page<T> page = fetch.apply(token);
            all.addAll(page.items());
            token = page.nextToken();
        }
        return all;
    }
}
