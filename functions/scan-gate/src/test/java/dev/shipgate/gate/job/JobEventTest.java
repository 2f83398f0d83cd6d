package dev.shipgate.gate.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.shipgate.testing.Events;
import dev.shipgate.testing.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written reader takes from a job event exactly what Jackson's ObjectMapper made of the same records. */
class JobEventTest {

    static Stream<String> everyJobEvent() throws IOException {
        try (Stream<Path> files = Files.list(Events.root().resolve("events/scan-gate"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("job-") && n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("everyJobEvent")
    void read_sampleEvent_sameJobAsObjectMapper(String scenario) throws Exception {
        byte[] event = Events.bytes("scan-gate", scenario);

        JobEvent.Job job = JobEvent.read(new ByteArrayInputStream(event)).job();

        assertThat(job).isEqualTo(mapperJob(event));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"CodePipeline.job\":null}",
            "{\"CodePipeline.job\":{\"id\":7,\"accountId\":true,\"data\":{\"continuationToken\":1.5,\"extra\":[1]}}}",
            "{\"CodePipeline.job\":{\"id\":\"j\",\"data\":{\"inputArtifacts\":[null,{\"name\":\"x\",\"location\":{\"s3Location\":null}}]}}}",
            "{\"CodePipeline.job\":{\"id\":\"j\",\"data\":{\"actionConfiguration\":{\"configuration\":{\"UserParameters\":null,\"N\":3}}}}}",
            "{\"CodePipeline.job\":{\"id\":\"j\",\"data\":{\"actionConfiguration\":{},\"artifactCredentials\":{}}}}"
    })
    void read_unusualButReadableShapes_sameJobAsObjectMapper(String event) throws Exception {
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);

        JobEvent.Job job = JobEvent.read(new ByteArrayInputStream(bytes)).job();

        assertThat(job).isEqualTo(mapperJob(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "[]",
            "null",
            "{\"CodePipeline.job\":\"x\"}",
            "{\"CodePipeline.job\":{\"id\":[\"a\"]}}",
            "{\"CodePipeline.job\":{\"data\":{\"inputArtifacts\":{}}}}"
    })
    void read_wrongShapeWithoutReadableJobId_isMismatchedInput(String event) {
        assertThatThrownBy(() -> JobEvent.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(MismatchedInputException.class);
    }

    /** With a readable job id the job can still be answered: the event says what is wrong instead of throwing. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"inputArtifacts\":{}}|inputArtifacts is not a list",
            "{\"inputArtifacts\":[7]}|inputArtifacts[] is not an object",
            "{\"actionConfiguration\":{\"configuration\":{\"UserParameters\":{\"a\":1}}}}|UserParameters is not a text",
            "{\"artifactCredentials\":[]}|artifactCredentials is not an object",
            "\"text\"|data is not an object"
    })
    void read_wrongShapeBelowReadableJobId_keepsTheIdAndSaysWhatIsWrong(String data, String problem) throws Exception {
        String event = "{\"CodePipeline.job\":{\"id\":\"j\",\"accountId\":\"123456789012\",\"data\":" + data + "}}";

        JobEvent.Job job = JobEvent.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8))).job();

        assertThat(job.id()).isEqualTo("j");
        assertThat(job.data()).isNull();
        assertThat(job.malformed()).isEqualTo("Not a CodePipeline job event: " + problem);
    }

    private static JobEvent.Job mapperJob(byte[] event) throws IOException {
        JsonNode job = Json.MAPPER.readTree(event).path("CodePipeline.job");
        return Json.MAPPER.treeToValue(job, JobEvent.Job.class);
    }
}
