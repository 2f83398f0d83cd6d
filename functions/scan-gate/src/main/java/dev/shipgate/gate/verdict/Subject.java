package dev.shipgate.gate.verdict;

/** Which pipeline run and which image a verdict is about. Null members are simply left out of the summary. */
public record Subject(String pipelineName, String pipelineExecutionId, String jobId, String repository,
                      String imageDigest, String imageTag) {

    /** {@code app@sha256:abc…} or {@code app:tag}: how messages name the image. */
    public String image() {
        if (imageDigest != null) {
            return repository + "@" + imageDigest;
        }
        return repository + ":" + imageTag;
    }

    public Subject withDigest(String digest) {
        return digest == null ? this : new Subject(pipelineName, pipelineExecutionId, jobId, repository, digest, imageTag);
    }
}
