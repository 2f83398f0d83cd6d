package dev.shipgate.notifier.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinksTest {

    @Test
    void codeBuild_buildId_buildPageAndLogs() {
        String id = "shipgate-demo-build:5a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b";

        assertThat(Links.codeBuild("us-east-1", id)).isEqualTo("https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/"
                + "shipgate-demo-build/build/shipgate-demo-build%3A5a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b/?region=us-east-1");
        assertThat(Links.codeBuildLogs("us-east-1", id)).endsWith("%3A5a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b/log?region=us-east-1");
    }

    @Test
    void codeBuild_batchBuildId_batchPageAndNoSingleLog() {
        String id = "build-batch/shipgate-demo-build:5a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b";

        assertThat(Links.codeBuild("eu-west-1", id)).isEqualTo("https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/projects/"
                + "shipgate-demo-build/batch/shipgate-demo-build%3A5a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b/?region=eu-west-1");
        assertThat(Links.codeBuildLogs("eu-west-1", id)).isNull();
    }

    @Test
    void codeBuild_otherExternalIds_none() {
        assertThat(Links.codeBuild("us-east-1", "<ID>")).isNull();
        assertThat(Links.codeBuild("us-east-1", "d-EXAMPLE123")).isNull();
        assertThat(Links.codeBuild("us-east-1", null)).isNull();
    }
}
