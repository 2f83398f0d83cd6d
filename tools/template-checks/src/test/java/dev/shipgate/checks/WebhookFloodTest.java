package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Genuine deliveries survive a flood of unsigned requests (issue "Nothing gets past the gate"): a route
 * limit well above GitHub's rate, reserved concurrency for the webhook, and alarms that say when
 * deliveries may have been refused.
 */
class WebhookFloodTest {

    @Test
    void webhookApi_routeLimitLeavesRoomAboveAFloodOfTensPerSecond() {
        JsonNode settings = Templates.sam().at("/Resources/WebhookApi/Properties/DefaultRouteSettings");

        assertThat(settings.path("ThrottlingRateLimit").asInt()).isGreaterThanOrEqualTo(50);
        assertThat(settings.path("ThrottlingBurstLimit").asInt()).isGreaterThanOrEqualTo(settings.path("ThrottlingRateLimit").asInt());
    }

    @Test
    void webhookFunction_reservesConcurrencyFromAParameterThatCanBeTurnedOff() {
        JsonNode template = Templates.sam();
        JsonNode reserved = template.at("/Resources/WebhookFunction/Properties/ReservedConcurrentExecutions/Fn::If");

        assertThat(reserved.get(0).asText()).isEqualTo("ReserveWebhookConcurrency");
        assertThat(reserved.get(1).path("Ref").asText()).isEqualTo("WebhookReservedConcurrency");
        assertThat(reserved.get(2).path("Ref").asText()).isEqualTo("AWS::NoValue");
        assertThat(template.at("/Parameters/WebhookReservedConcurrency/Default").asInt()).isBetween(2, 100);
        assertThat(template.at("/Conditions/ReserveWebhookConcurrency").toString()).contains("WebhookReservedConcurrency").contains("\"0\"");
    }

    @Test
    void alarms_onRejectionsAndErrorsOfThisApi_notifyTheTopic() {
        JsonNode resources = Templates.sam().path("Resources");
        List<String> watched = new ArrayList<>();
        resources.properties().forEach(resource -> {
            JsonNode properties = resource.getValue().path("Properties");
            if (!resource.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                return;
            }
            JsonNode dimension = properties.path("Dimensions").path(0); // metric-math alarms have none
            String target = dimension.path("Value").path("Ref").asText();
            if (target.equals("WebhookApi")) {
                assertThat(properties.path("AlarmActions").toString()).as(resource.getKey()).contains("NotifyTopic");
                watched.add(properties.path("Namespace").asText() + " " + properties.path("MetricName").asText() + " " + target);
            }
        });

        assertThat(watched).containsExactlyInAnyOrder("AWS/ApiGateway 4xx WebhookApi", "AWS/ApiGateway 5xx WebhookApi");
    }
}
