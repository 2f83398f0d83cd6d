package dev.shipgate.gate.aws;

import dev.shipgate.gate.job.FailureType;
import dev.shipgate.gate.job.GateFailure;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Set;

/** Maps an AWS SDK failure onto the CodePipeline failure type a person can act on. */
public final class AwsErrors {

    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "AuthorizationError",
            "UnauthorizedOperation", "InvalidAccessKeyId", "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException",
            "UnrecognizedClientException", "KMS.AccessDeniedException", "KMSAccessDeniedException");
    private static final Set<String> BAD_REQUEST = Set.of("InvalidParameterException", "ValidationException",
            "InvalidParameter", "NotFound", "NotFoundException");

    private AwsErrors() {
    }

    /** @param doing what scan-gate was doing, e.g. "reading the scan findings of app@sha256:…" */
    public static GateFailure translate(SdkException e, String doing) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String detail = detail(service);
            if (DENIED.contains(code) || service.statusCode() == 403) {
                return new GateFailure(FailureType.PermissionError, "Access denied while " + doing + " (" + detail
                        + "). Grant the scan-gate role (or the pipeline's artifact role) this permission.", e);
            }
            if (service.isThrottlingException() || service.statusCode() >= 500) {
                return new GateFailure(FailureType.SystemUnavailable, "AWS was throttling or unavailable while " + doing
                        + " (" + detail + "); re-run the stage.", e);
            }
            if (BAD_REQUEST.contains(code)) {
                return new GateFailure(FailureType.ConfigurationError, "AWS rejected the request while " + doing + " (" + detail
                        + "); check the action's UserParameters.", e);
            }
            return new GateFailure(FailureType.SystemUnavailable, "AWS error while " + doing + " (" + detail + ").", e);
        }
        if (e instanceof SdkClientException) {
            return new GateFailure(FailureType.SystemUnavailable, "Could not reach AWS while " + doing + " (" + e.getMessage()
                    + "); re-run the stage.", e);
        }
        return new GateFailure(FailureType.SystemUnavailable, "AWS SDK failure while " + doing + " (" + e.getMessage() + ").", e);
    }

    /** "ErrorCode: message" as AWS sent it (the HTTP status when there is no error code). */
    public static String detail(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return (code == null ? "HTTP " + e.statusCode() : code) + ": " + message;
    }
}
