package dev.shipgate.local.demo;

import dev.shipgate.local.Workspace;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command, run by the test command: every step of the demo must do what it should. */
class DemoTest {

    @Test
    void demo_everyStepOfTheMainJob_behavesAsExpected() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        List<Demo.Step> steps = Demo.steps(Workspace.root(), new PrintStream(output, true, StandardCharsets.UTF_8));
        String transcript = output.toString(StandardCharsets.UTF_8);
        System.out.println(transcript);

        assertThat(steps).extracting(Demo.Step::name).contains(
                "redelivery of the same delivery id", "bad signature", "gate: image with CRITICAL/HIGH findings",
                "gate: clean image (LOW/MEDIUM only)", "gate verdict FAIL → notifier", "pipeline FAILED event",
                "pipeline SUCCEEDED after a failure", "Web API: started, stage, action failed, gate FAIL, failed",
                "GitHub statuses on 6dcb09b", "GitHub statuses on a1f2c3d");
        assertThat(steps).as(transcript).allMatch(Demo.Step::passed);
        assertThat(transcript).contains("CodePipeline (local STAND-IN)").contains("GitHub REST API (local STAND-IN)")
                .contains("GitHub commit 6dcb09b  shipgate/security-gate = failure").contains("DEMO PASSED");
    }
}
