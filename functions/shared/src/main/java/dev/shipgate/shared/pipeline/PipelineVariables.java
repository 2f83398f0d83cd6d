package dev.shipgate.shared.pipeline;

/**
 * Names of the pipeline variables github-webhook passes to StartPipelineExecution and slack-notifier
 * reads back from GetPipelineExecution. template.yaml declares the same names (checked by the
 * template checks).
 */
public final class PipelineVariables {

    public static final String COMMIT_SHA = "COMMIT_SHA";
    public static final String GIT_REF = "GIT_REF";
    public static final String BRANCH = "BRANCH";
    public static final String TAG = "TAG";
    public static final String COMMIT_MESSAGE = "COMMIT_MESSAGE";
    public static final String COMMIT_AUTHOR = "COMMIT_AUTHOR";
    public static final String DELIVERY_ID = "DELIVERY_ID";
    public static final String COMPARE_URL = "COMPARE_URL";

    private PipelineVariables() {
    }
}
