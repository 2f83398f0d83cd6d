package dev.shipgate.gate;

import dev.shipgate.gate.finding.Severity;
import dev.shipgate.gate.policy.Floor;
import dev.shipgate.shared.config.Env;

import java.util.regex.Pattern;

/**
 * scan-gate's environment. Every variable name the function reads is a constant here; the template checks
 * compare them with template.yaml.
 */
public record ScanGateConfig(String failOnSeverity, int scanTimeoutMinutes, String notifyTopicArn, String policyFilePath,
                             String unscoredSeverity, String repositoryUri, String reportBucket, String scanReportPath,
                             boolean allowUnsupportedImage) {

    /** Findings at this severity or worse block; the project's policy file may tighten it, never loosen it (default HIGH). */
    public static final String FAIL_ON_SEVERITY = "FAIL_ON_SEVERITY";
    /** How a finding of an unranked severity without a CVSS score is judged (default HIGH); the policy may only raise it. */
    public static final String UNSCORED_SEVERITY = "UNSCORED_SEVERITY";
    /** Whether an image nothing could scan may pass with a warning (default false); the policy may only turn it off. */
    public static final String ALLOW_UNSUPPORTED_IMAGE = "ALLOW_UNSUPPORTED_IMAGE";
    /** How long to wait for the scan, counted from the first invocation for a pipeline run (default 30). */
    public static final String SCAN_TIMEOUT_MINUTES = "SCAN_TIMEOUT_MINUTES";
    /** SNS topic receiving the verdict summary for the slack-notifier. */
    public static final String NOTIFY_TOPIC_ARN = "NOTIFY_TOPIC_ARN";
    /**
     * This stack's ECR repository URI ({@code <account>.dkr.ecr.<region>.amazonaws.com/<name>}): the only repository the
     * gate judges images of, and the prefix of the verified image reference it hands to Test and Deploy.
     */
    public static final String IMAGE_REPOSITORY_URI = "IMAGE_REPOSITORY_URI";
    /** Policy file inside the source artifact (default .shipgate/policy.yaml). */
    public static final String POLICY_FILE_PATH = "POLICY_FILE_PATH";
    /**
     * The scanner report in the build's output artifact that the gate judges instead of ECR's scan; unset means ECR's
     * scan. The stack sets it (ClairReport=Enabled), never the job: UserParameters is filled with build variables the
     * repository writes, so a path there could swap ECR's scan for a report the repository wrote.
     */
    public static final String SCAN_REPORT_PATH = "SCAN_REPORT_PATH";
    /** The pipeline's artifact bucket, where each job's findings report goes (below {@code shipgate-reports/}). */
    public static final String REPORT_BUCKET = "REPORT_BUCKET";

    public static final String DEFAULT_FAIL_ON_SEVERITY = "HIGH";
    private static final Pattern REPOSITORY_URI = Pattern.compile(
            "[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.[a-z0-9.]+/(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    public static final int DEFAULT_SCAN_TIMEOUT_MINUTES = 30;
    public static final String DEFAULT_POLICY_FILE_PATH = ".shipgate/policy.yaml";

    public static ScanGateConfig from(Env env) {
        String failOn = severity(env, FAIL_ON_SEVERITY, DEFAULT_FAIL_ON_SEVERITY);
        String unscored = severity(env, UNSCORED_SEVERITY, Floor.DEFAULT_UNSCORED_SEVERITY);
        // CodePipeline gives a Lambda invoke action at most 24 hours.
        int timeout = env.integer(SCAN_TIMEOUT_MINUTES, DEFAULT_SCAN_TIMEOUT_MINUTES, 1, 24 * 60);
        String topic = env.require(NOTIFY_TOPIC_ARN);
        if (!topic.startsWith("arn:")) {
            throw new Env.ConfigException(NOTIFY_TOPIC_ARN + " must be an SNS topic ARN, got '" + topic + "'");
        }
        String policy = env.optional(POLICY_FILE_PATH, DEFAULT_POLICY_FILE_PATH);
        String repositoryUri = env.require(IMAGE_REPOSITORY_URI);
        if (!REPOSITORY_URI.matcher(repositoryUri).matches()) {
            throw new Env.ConfigException(IMAGE_REPOSITORY_URI + " must be an ECR repository URI like"
                    + " 123456789012.dkr.ecr.us-east-1.amazonaws.com/app, got '" + repositoryUri + "'");
        }
        String reportBucket = env.require(REPORT_BUCKET);
        if (!BUCKET.matcher(reportBucket).matches()) {
            throw new Env.ConfigException(REPORT_BUCKET + " must be an S3 bucket name, got '" + reportBucket + "'");
        }
        String scanReport = env.optional(SCAN_REPORT_PATH).orElse(null);
        if (scanReport != null && (scanReport.contains("..") || scanReport.startsWith("/"))) {
            throw new Env.ConfigException(SCAN_REPORT_PATH + " must be a relative path inside the build's output artifact, got '"
                    + scanReport + "'");
        }
        String allowUnsupported = env.optional(ALLOW_UNSUPPORTED_IMAGE, "false");
        if (!allowUnsupported.equals("true") && !allowUnsupported.equals("false")) {
            throw new Env.ConfigException(ALLOW_UNSUPPORTED_IMAGE + " must be true or false, got '" + allowUnsupported + "'");
        }
        return new ScanGateConfig(failOn, timeout, topic, policy, unscored, repositoryUri, reportBucket, scanReport,
                Boolean.parseBoolean(allowUnsupported));
    }

    /** The repository name part of {@link #repositoryUri}. */
    public String repositoryName() {
        return repositoryUri.substring(repositoryUri.indexOf('/') + 1);
    }

    /**
     * This configuration with ECR's scans judged, whatever SCAN_REPORT_PATH says: priming runs the ECR path on every
     * stack (the report formats are primed by parsing, see GatePriming).
     */
    public ScanGateConfig judgingEcrScans() {
        return new ScanGateConfig(failOnSeverity, scanTimeoutMinutes, notifyTopicArn, policyFilePath, unscoredSeverity,
                repositoryUri, reportBucket, null, allowUnsupportedImage);
    }

    /** What the stack owner set; the repository's policy file may tighten it, never loosen it. */
    public Floor floor() {
        return new Floor(failOnSeverity, unscoredSeverity, allowUnsupportedImage);
    }

    private static String severity(Env env, String name, String fallback) {
        String severity = Severity.normalize(env.optional(name, fallback));
        if (!Severity.isThreshold(severity)) {
            throw new Env.ConfigException(name + " must be one of " + Severity.ORDERED + ", got '" + severity + "'");
        }
        return severity;
    }
}
