package dev.shipgate.gate;

import dev.shipgate.gate.finding.Severity;
import dev.shipgate.shared.config.Env;

/**
 * scan-gate's environment. Every variable name the function reads is a constant here; the template checks
 * compare them with template.yaml.
 */
public record ScanGateConfig(String failOnSeverity, int scanTimeoutMinutes, String notifyTopicArn, String policyFilePath) {

    /** Findings at this severity or worse block unless the policy says otherwise (default HIGH). */
    public static final String FAIL_ON_SEVERITY = "FAIL_ON_SEVERITY";
    /** How long to wait for the scan, counted from the first invocation for a pipeline run (default 30). */
    public static final String SCAN_TIMEOUT_MINUTES = "SCAN_TIMEOUT_MINUTES";
    /** SNS topic receiving the verdict summary for the slack-notifier. */
    public static final String NOTIFY_TOPIC_ARN = "NOTIFY_TOPIC_ARN";
    /** Policy file inside the source artifact (default .shipgate/policy.yaml). */
    public static final String POLICY_FILE_PATH = "POLICY_FILE_PATH";

    public static final String DEFAULT_FAIL_ON_SEVERITY = "HIGH";
    public static final int DEFAULT_SCAN_TIMEOUT_MINUTES = 30;
    public static final String DEFAULT_POLICY_FILE_PATH = ".shipgate/policy.yaml";

    public static ScanGateConfig from(Env env) {
        String failOn = Severity.normalize(env.optional(FAIL_ON_SEVERITY, DEFAULT_FAIL_ON_SEVERITY));
        if (!Severity.isThreshold(failOn)) {
            throw new Env.ConfigException(FAIL_ON_SEVERITY + " must be one of " + Severity.ORDERED + ", got '" + failOn + "'");
        }
        // CodePipeline gives a Lambda invoke action at most 24 hours.
        int timeout = env.integer(SCAN_TIMEOUT_MINUTES, DEFAULT_SCAN_TIMEOUT_MINUTES, 1, 24 * 60);
        String topic = env.require(NOTIFY_TOPIC_ARN);
        if (!topic.startsWith("arn:")) {
            throw new Env.ConfigException(NOTIFY_TOPIC_ARN + " must be an SNS topic ARN, got '" + topic + "'");
        }
        String policy = env.optional(POLICY_FILE_PATH, DEFAULT_POLICY_FILE_PATH);
        return new ScanGateConfig(failOn, timeout, topic, policy);
    }
}
