package dev.shipgate.notifier.policy;

import dev.shipgate.shared.config.Env;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MentionsTest {

    @Test
    void parse_userAndGroupIds_renderAsSlackMentions() {
        Mentions mentions = Mentions.parse("SLACK_MENTION_ON_FAILURE", "U0123ABCD, S0456EFGH,W0789IJKL");

        assertThat(mentions.text()).isEqualTo("<@U0123ABCD> <!subteam^S0456EFGH> <@W0789IJKL>");
    }

    @Test
    void parse_alreadyRenderedMentions_keptAsGiven() {
        Mentions mentions = Mentions.parse("SLACK_MENTION_ON_FAILURE", "<@U0123ABCD>,<!subteam^S0456EFGH>,<!here>");

        assertThat(mentions.markup()).containsExactly("<@U0123ABCD>", "<!subteam^S0456EFGH>", "<!here>");
    }

    @Test
    void parse_blank_isNone() {
        assertThat(Mentions.parse("SLACK_MENTION_ON_FAILURE", "  ").isEmpty()).isTrue();
        assertThat(Mentions.parse("SLACK_MENTION_ON_FAILURE", null).isEmpty()).isTrue();
    }

    @Test
    void parse_displayNameOrMalformedId_failsAtInit() {
        assertThatThrownBy(() -> Mentions.parse("SLACK_MENTION_ON_FAILURE", "@alice"))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("SLACK_MENTION_ON_FAILURE").hasMessageContaining("@alice");
        assertThatThrownBy(() -> Mentions.parse("SLACK_MENTION_ON_FAILURE", "u0123abcd")).isInstanceOf(Env.ConfigException.class);
        assertThatThrownBy(() -> Mentions.parse("SLACK_MENTION_ON_FAILURE", "<@U0123ABCD|alice>")).isInstanceOf(Env.ConfigException.class);
    }
}
