package dev.shipgate.notifier.message;

import java.util.regex.Pattern;

/** Console and GitHub URLs for what a message talks about. */
public final class Links {

    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,40}");
    /** A build {@code <project>:<uuid>}, or a batch build {@code build-batch/<project>:<uuid>}. */
    private static final Pattern CODEBUILD_ID = Pattern.compile("(build-batch/)?([A-Za-z0-9][A-Za-z0-9\\-_]{1,254}):([0-9a-fA-F-]{36})");

    private Links() {
    }

    public static String pipeline(String region, String pipeline) {
        return console(region) + "/codesuite/codepipeline/pipelines/" + Text.pathSegment(pipeline) + "/view?region=" + region;
    }

    public static String execution(String region, String pipeline, String executionId) {
        return console(region) + "/codesuite/codepipeline/pipelines/" + Text.pathSegment(pipeline)
                + "/executions/" + Text.pathSegment(executionId) + "/timeline?region=" + region;
    }

    /**
     * The CodeBuild page for an {@code external-execution-id} of the form {@code <project>:<uuid>} (a build) or
     * {@code build-batch/<project>:<uuid>} (a batch build), else null.
     */
    public static String codeBuild(String region, String externalId) {
        var match = externalId == null ? null : CODEBUILD_ID.matcher(externalId);
        if (match == null || !match.matches()) {
            return null;
        }
        String project = Text.pathSegment(match.group(2));
        String page = match.group(1) == null ? "/build/" : "/batch/";
        return console(region) + "/codesuite/codebuild/projects/" + project + page + project + "%3A" + match.group(3)
                + "/?region=" + region;
    }

    /** The CodeBuild console's log page of that build, else null (a batch build has one log per build in it). */
    public static String codeBuildLogs(String region, String externalId) {
        String build = codeBuild(region, externalId);
        return build == null || build.contains("/batch/") ? null : build.replace("/?region=", "/log?region=");
    }

    /** The alarm's page in the CloudWatch console of {@code region} (a region code). */
    public static String alarm(String region, String alarmName) {
        return console(region) + "/cloudwatch/home?region=" + region + "#alarmsV2:alarm/" + Text.pathSegment(alarmName);
    }

    public static boolean isSha(String value) {
        return value != null && SHA.matcher(value).matches();
    }

    public static String commit(String repository, String sha) {
        return "https://github.com/" + repository + "/commit/" + sha.toLowerCase(java.util.Locale.ROOT);
    }

    private static String console(String region) {
        return "https://" + region + ".console.aws.amazon.com";
    }
}
