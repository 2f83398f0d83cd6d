package dev.shipgate.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class NamingCheckTest {

    @Test
    void expandedTemplate_hasNoFixedPhysicalNames() {
        assertThat(NamingCheck.check(Templates.expanded())).isEmpty();
    }

    @Test
    void copyWithLiteralTableName_isReported() {
        JsonNode template = Templates.expanded();
        Mutations.props(template, "DeliveriesTable").put("TableName", "deliveries");

        assertThat(NamingCheck.check(template)).extracting(Violation::subject).containsExactly("DeliveriesTable");
    }

    @Test
    void copyWithProjectOnlyRepositoryName_isReported() {
        // the project name alone collides when the same project is deployed twice (e.g. staging and prod stacks)
        JsonNode template = Templates.expanded();
        Mutations.props(template, "ImageRepository").set("RepositoryName", Mutations.json("{\"Ref\":\"ProjectName\"}"));

        assertThat(NamingCheck.check(template)).extracting(Violation::subject).containsExactly("ImageRepository");
    }

    @Test
    void copyWithConnectionNameWithoutStackId_isReported() {
        JsonNode template = Templates.expanded();
        Mutations.props(template, "GitHubConnection").set("ConnectionName", Mutations.json("{\"Fn::Sub\":\"${ProjectName}-github\"}"));

        assertThat(NamingCheck.check(template)).extracting(Violation::subject).containsExactly("GitHubConnection");
    }
}
