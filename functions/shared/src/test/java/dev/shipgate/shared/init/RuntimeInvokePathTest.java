package dev.shipgate.shared.init;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeInvokePathTest {

    @Test
    void prime_callsTheHandlerShapedMethodReflectively_once() {
        assertThat(RuntimeInvokePath.prime()).isEqualTo(1);
        assertThat(RuntimeInvokePath.prime()).isEqualTo(1);
    }
}
