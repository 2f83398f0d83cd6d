package dev.shipgate.gate.scan;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagesTest {

    @Test
    void collect_threePages_returnsEveryItemInOrder() {
        Map<String, Pages.Page<Integer>> rest = Map.of("t2", new Pages.Page<>(List.of(3, 4), "t3"), "t3", new Pages.Page<>(List.of(5), null));
        List<String> asked = new ArrayList<>();

        List<Integer> all = Pages.collect(new Pages.Page<>(List.of(1, 2), "t2"), token -> {
            asked.add(token);
            return rest.get(token);
        });

        assertThat(all).containsExactly(1, 2, 3, 4, 5);
        assertThat(asked).containsExactly("t2", "t3");
    }

    @Test
    void collect_emptyNextToken_endsTheWalk() {
        assertThat(Pages.collect(new Pages.Page<>(List.of(1), ""), token -> {
            throw new AssertionError("must not fetch");
        })).containsExactly(1);
    }

    @Test
    void collect_repeatedToken_stopsInsteadOfLooping() {
        assertThatThrownBy(() -> Pages.collect(new Pages.Page<>(List.of(1), "same"), token -> new Pages.Page<>(List.of(2), "same")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("repeat nextToken");
    }

    @Test
    void collect_endlessDistinctTokens_stopsAtTheLimit() {
        int[] n = {0};
        assertThatThrownBy(() -> Pages.collect(new Pages.Page<>(List.of(0), "t0"), token -> new Pages.Page<>(List.of(1), "t" + ++n[0])))
                .hasMessageContaining("more than " + Pages.MAX_PAGES + " pages");
    }
}
