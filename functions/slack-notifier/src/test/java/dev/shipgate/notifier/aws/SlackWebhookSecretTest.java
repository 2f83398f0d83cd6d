package dev.shipgate.notifier.aws;

import dev.shipgate.shared.config.Env;
import dev.shipgate.testing.MotoServer;
import dev.shipgate.testing.TestClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackWebhookSecretTest {

    private static final String URL = "https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX";

    @Test
    void read_plainUrlOrJsonSecretOnMoto_returnsUrl() {
        try (SecretsManagerClient secrets = TestClients.local(SecretsManagerClient.builder(), MotoServer.shared().endpoint())) {
            String plain = secrets.createSecret(r -> r.name("slack-plain-" + System.nanoTime()).secretString(URL)).arn();
            String json = secrets.createSecret(r -> r.name("slack-json-" + System.nanoTime()).secretString("{\"url\":\"" + URL + "\"}")).arn();

            assertThat(SlackWebhookSecret.read(secrets, plain)).isEqualTo(URI.create(URL));
            assertThat(SlackWebhookSecret.read(secrets, json)).isEqualTo(URI.create(URL));
        }
    }

    @Test
    void parse_notAnHttpsUrl_failsNamingTheArnNotTheValue() {
        assertThatThrownBy(() -> SlackWebhookSecret.parse("http://hooks.slack.com/services/SECRETVALUE", "arn:x"))
                .isInstanceOf(Env.ConfigException.class).hasMessageContaining("arn:x").hasMessageNotContaining("SECRETVALUE");
        assertThatThrownBy(() -> SlackWebhookSecret.parse("{\"webhook\":\"SECRETVALUE\"}", "arn:x"))
                .isInstanceOf(Env.ConfigException.class).hasMessageNotContaining("SECRETVALUE");
        assertThatThrownBy(() -> SlackWebhookSecret.parse("{not json SECRETVALUE", "arn:x"))
                .isInstanceOf(Env.ConfigException.class).hasMessageNotContaining("SECRETVALUE");
        assertThatThrownBy(() -> SlackWebhookSecret.parse(" ", "arn:x")).isInstanceOf(Env.ConfigException.class);
    }
}
