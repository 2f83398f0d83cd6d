package dev.shipgate.shared.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvTest {

    @Test
    void require_missingOrBlank_failsNamingTheVariable() {
        Env env = new Env(Map.of("BLANK", "  "));

        assertThatThrownBy(() -> env.require("PIPELINE_NAME")).isInstanceOf(Env.ConfigException.class).hasMessage("PIPELINE_NAME is not set");
        assertThatThrownBy(() -> env.require("BLANK")).hasMessage("BLANK is not set");
    }

    @Test
    void optional_fallsBackOnlyWhenUnset() {
        Env env = new Env(Map.of("SET", " value "));

        assertThat(env.optional("SET", "fallback")).isEqualTo("value");
        assertThat(env.optional("UNSET", "fallback")).isEqualTo("fallback");
    }

    @Test
    void integer_rejectsNonNumbersAndOutOfRange() {
        Env env = new Env(Map.of("TIMEOUT", "abc", "BIG", "9999", "OK", "45"));

        assertThat(env.integer("OK", 30, 1, 1440)).isEqualTo(45);
        assertThat(env.integer("UNSET", 30, 1, 1440)).isEqualTo(30);
        assertThatThrownBy(() -> env.integer("TIMEOUT", 30, 1, 1440)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> env.integer("BIG", 30, 1, 1440)).hasMessageContaining("between 1 and 1440");
    }
}
