package dev.shipgate.notifier.aws;

import dev.shipgate.shared.config.Env;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GitHubTokenSecretTest {

    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:github-AbCdEf";
    private static final String TOKEN = "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz";

    @Test
    void parse_plainOrJson_theToken() {
        assertThat(GitHubTokenSecret.parse("  " + TOKEN + "\n", ARN)).isEqualTo(TOKEN);
        assertThat(GitHubTokenSecret.parse("{\"token\":\"" + TOKEN + "\"}", ARN)).isEqualTo(TOKEN);
    }

    @Test
    void parse_notAToken_refusedNamingTheSecretNotTheValue() {
        for (String bad : new String[] {"", "{\"url\":\"" + TOKEN + "\"}", "short_token", TOKEN + " second", TOKEN + "\r\nX-Injected: 1"}) {
            Env.ConfigException e = catchThrowableOfType(Env.ConfigException.class, () -> GitHubTokenSecret.parse(bad, ARN));

            assertThat(e).as(bad).hasMessageContaining(ARN);
            assertThat(e.getMessage()).as(bad).doesNotContain(TOKEN);
        }
    }
}
