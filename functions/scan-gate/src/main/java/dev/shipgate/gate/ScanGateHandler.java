package dev.shipgate.gate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shipgate.gate.aws.JobReporter;
import dev.shipgate.gate.job.JobEvent;
import dev.shipgate.shared.log.JsonLog;
import org.crac.Core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CodePipeline Lambda invoke action "SecurityGate": parses the job event, lets the gate decide, and reports
 * exactly one job result. A malformed event without a job id, or with one that is not a job id, has nobody to
 * report to and is only logged.
 */
public final class ScanGateHandler implements RequestStreamHandler {

    private static final Pattern JOB_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Gate gate;
    private final JobReporter reporter;
    private final JsonLog log;
    /** Held strongly: org.crac keeps registered resources only weakly. */
    private final GatePriming priming;

    /** Lambda's constructor: the wiring from the environment, and the SnapStart priming registered once. */
    public ScanGateHandler() {
        this(GateWiring.fromEnvironment());
        Core.getGlobalContext().register(priming);
    }

    private ScanGateHandler(GateWiring wiring) {
        this(wiring.gate(), wiring.reporter(), wiring.log(), wiring.priming());
    }

    ScanGateHandler(Gate gate, JobReporter reporter, JsonLog log, GatePriming priming) {
        this.gate = gate;
        this.reporter = reporter;
        this.log = log;
        this.priming = priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        JobEvent.Job job;
        try {
            job = JobEvent.read(input).job();
        } catch (IOException e) {
            log.error("malformed-event", Map.of("problem", "not a CodePipeline job event", "exception", e.getClass().getSimpleName()));
            return;
        }
        if (job == null || job.id() == null || job.id().isBlank()) {
            log.error("malformed-event", Map.of("problem", "no CodePipeline.job.id: nothing to report a result to"));
            return;
        }
        if (!JOB_ID.matcher(job.id()).matches()) {
            // CodePipeline refuses any result for such an id (ValidationException): no job is waiting for one.
            log.error("malformed-event", Map.of("problem", "CodePipeline.job.id is not a job id (a UUID): nothing to report a result to"));
            return;
        }
        log.info("job-received", Map.of("jobId", job.id(),
                "continuation", job.data() != null && job.data().continuationToken() != null));
        Outcome outcome = gate.run(job, context::getRemainingTimeInMillis);
        reporter.report(job.id(), outcome);
    }
}
