package dev.shipgate.gate.job;

/** CodePipeline {@code failureDetails.type} values scan-gate reports. */
public enum FailureType {
    /** The policy or the scan says no. */
    JobFailed,
    /** Bad UserParameters, policy, artifact or function settings: someone must change configuration. */
    ConfigurationError,
    /** AWS refused access: the function role or artifact credentials lack a permission. */
    PermissionError,
    /** AWS throttled or failed, or something unexpected broke: re-running may succeed. */
    SystemUnavailable
}
