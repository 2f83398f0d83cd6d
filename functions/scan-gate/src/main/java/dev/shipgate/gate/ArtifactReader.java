package dev.shipgate.gate;

import dev.shipgate.gate.job.JobEvent;

import java.util.Optional;

/** Reads one file out of a job's input artifact (a zip in S3) with the job's artifact credentials. */
public interface ArtifactReader {

    /**
     * @return the file's bytes, or empty when the artifact has no such file
     * @throws dev.shipgate.gate.job.GateFailure when the artifact itself cannot be read
     */
    Optional<byte[]> read(JobEvent.Artifact artifact, JobEvent.ArtifactCredentials credentials, String path, int maxBytes);
}
