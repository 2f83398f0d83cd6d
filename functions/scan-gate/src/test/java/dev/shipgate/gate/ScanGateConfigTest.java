package dev.shipgate.gate;

import dev.shipgate.shared.config.Env;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanGateConfigTest {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:shipgate-verdicts";
    static final String REPO = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shipgate-demo";
    static final String BUCKET = "shipgate-demo-artifactbucket-1x2y3z4w5v6u";

    @Test
    void from_onlyTopic_usesDocumentedDefaults() {
        ScanGateConfig config = ScanGateConfig.from(new Env(Map.of(ScanGateConfig.NOTIFY_TOPIC_ARN, TOPIC,
                ScanGateConfig.IMAGE_REPOSITORY_URI, REPO, ScanGateConfig.REPORT_BUCKET, BUCKET)));

        assertThat(config).isEqualTo(new ScanGateConfig("HIGH", 30, TOPIC, ".shipgate/policy.yaml", "HIGH", REPO, BUCKET, null, false));
        assertThat(config.repositoryName()).isEqualTo("shipgate-demo");
    }

    @Test
    void from_everyVariable_isRead() {
        ScanGateConfig config = ScanGateConfig.from(new Env(Map.of(ScanGateConfig.NOTIFY_TOPIC_ARN, TOPIC,
                ScanGateConfig.FAIL_ON_SEVERITY, "critical", ScanGateConfig.SCAN_TIMEOUT_MINUTES, "90",
                ScanGateConfig.POLICY_FILE_PATH, "ops/gate.yaml", ScanGateConfig.UNSCORED_SEVERITY, "critical",
                ScanGateConfig.IMAGE_REPOSITORY_URI, REPO, ScanGateConfig.REPORT_BUCKET, BUCKET,
                ScanGateConfig.SCAN_REPORT_PATH, "reports/clair.json", ScanGateConfig.ALLOW_UNSUPPORTED_IMAGE, "true")));

        assertThat(config).isEqualTo(new ScanGateConfig("CRITICAL", 90, TOPIC, "ops/gate.yaml", "CRITICAL", REPO, BUCKET,
                "reports/clair.json", true));
    }

    @Test
    void from_badValues_nameTheVariable() {
        assertThatThrownBy(() -> ScanGateConfig.from(new Env(Map.of())))
                .hasMessage("NOTIFY_TOPIC_ARN is not set");
        assertThatThrownBy(() -> ScanGateConfig.from(new Env(Map.of(ScanGateConfig.NOTIFY_TOPIC_ARN, TOPIC))))
                .hasMessage("IMAGE_REPOSITORY_URI is not set");
        assertThatThrownBy(() -> ScanGateConfig.from(new Env(Map.of(ScanGateConfig.NOTIFY_TOPIC_ARN, TOPIC,
                ScanGateConfig.IMAGE_REPOSITORY_URI, "shipgate-demo"))))
                .hasMessageStartingWith("IMAGE_REPOSITORY_URI must be an ECR repository URI");
        assertThatThrownBy(() -> ScanGateConfig.from(new Env(Map.of(ScanGateConfig.NOTIFY_TOPIC_ARN, TOPIC,
                ScanGateConfig.IMAGE_REPOSITORY_URI, REPO, ScanGateConfig.UNSCORED_SEVERITY, "UNTRIAGED"))))
                .hasMessageStartingWith("UNSCORED_SEVERITY must be one of");
        assertThatThrownBy(() -> ScanGateConfig.from(new Env(Map.of(ScanGateConfig.NOTIFY_TOPIC_ARN, TOPIC, ScanGateConfig.IMAGE_REPOSITORY_URI, REPO, ScanGateConfig.FAIL_ON_SEVERITY, "UNDEFINED"))))
                .hasMessageStartingWith("FAIL_ON_SEVERITY must be one of");
        assertThatThrownBy(() -> ScanGateConfig.from(new Env(Map.of(ScanGateConfig.NOTIFY_TOPIC_ARN, TOPIC, ScanGateConfig.IMAGE_REPOSITORY_URI, REPO, ScanGateConfig.SCAN_TIMEOUT_MINUTES, "2000"))))
                .hasMessage("SCAN_TIMEOUT_MINUTES must be between 1 and 1440, got 2000");
        assertThatThrownBy(() -> ScanGateConfig.from(new Env(Map.of(ScanGateConfig.NOTIFY_TOPIC_ARN, "shipgate-verdicts", ScanGateConfig.IMAGE_REPOSITORY_URI, REPO))))
                .hasMessageStartingWith("NOTIFY_TOPIC_ARN must be an SNS topic ARN");
        assertThatThrownBy(() -> ScanGateConfig.from(new Env(Map.of(ScanGateConfig.NOTIFY_TOPIC_ARN, TOPIC, ScanGateConfig.IMAGE_REPOSITORY_URI, REPO))))
                .hasMessage("REPORT_BUCKET is not set");
        assertThatThrownBy(() -> ScanGateConfig.from(new Env(Map.of(ScanGateConfig.NOTIFY_TOPIC_ARN, TOPIC, ScanGateConfig.IMAGE_REPOSITORY_URI, REPO,
                ScanGateConfig.REPORT_BUCKET, "arn:aws:s3:::bucket"))))
                .hasMessageStartingWith("REPORT_BUCKET must be an S3 bucket name");
        assertThatThrownBy(() -> ScanGateConfig.from(new Env(Map.of(ScanGateConfig.NOTIFY_TOPIC_ARN, TOPIC, ScanGateConfig.IMAGE_REPOSITORY_URI, REPO,
                ScanGateConfig.REPORT_BUCKET, BUCKET, ScanGateConfig.SCAN_REPORT_PATH, "../reports/clair.json"))))
                .hasMessageStartingWith("SCAN_REPORT_PATH must be a relative path inside the build's output artifact");
        assertThatThrownBy(() -> ScanGateConfig.from(new Env(Map.of(ScanGateConfig.NOTIFY_TOPIC_ARN, TOPIC, ScanGateConfig.IMAGE_REPOSITORY_URI, REPO,
                ScanGateConfig.REPORT_BUCKET, BUCKET, ScanGateConfig.ALLOW_UNSUPPORTED_IMAGE, "yes"))))
                .hasMessage("ALLOW_UNSUPPORTED_IMAGE must be true or false, got 'yes'");
    }
}
