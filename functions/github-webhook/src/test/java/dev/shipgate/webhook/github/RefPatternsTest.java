package dev.shipgate.webhook.github;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefPatternsTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "main            | main               | true",
            "main            | main2              | false",
            "main            | feature/main       | false",
            "release/*       | release/1.2        | true",
            "release/*       | release/1.2/hotfix | false",
            "release/**      | release/1.2/hotfix | true",
            "release/**      | release/           | true",
            "**              | any/depth/at/all   | true",
            "*               | feature/x          | false",
            "v?              | v1                 | true",
            "v?              | v10                | false",
            "v?              | v/                 | false",
            "v*.*            | v1.4               | true",
            "v*.*            | v1x4               | false",
            "feat+(x)        | feat+(x)           | true",
            "feat+(x)        | featt(x)           | false",
            "MAIN            | main               | false"})
    void matches_singleGlob(String glob, String name, boolean expected) {
        assertThat(RefPatterns.parse(glob).matches(name)).isEqualTo(expected);
    }

    @Test
    void matches_commaSeparatedList_anyPatternMatches() {
        RefPatterns patterns = RefPatterns.parse(" main , release/** ,, hotfix-? ");

        assertThat(patterns.matches("main")).isTrue();
        assertThat(patterns.matches("release/2026/11")).isTrue();
        assertThat(patterns.matches("hotfix-7")).isTrue();
        assertThat(patterns.matches("develop")).isFalse();
        assertThat(patterns).hasToString("main,release/**,hotfix-?");
    }

    @Test
    void parse_blank_matchesNothing() {
        RefPatterns none = RefPatterns.parse(" , ");

        assertThat(none.isEmpty()).isTrue();
        assertThat(none.matches("main")).isFalse();
        assertThat(none.matches("")).isFalse();
    }
}
