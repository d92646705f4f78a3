package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void secretNeverPrintsItsValue() {
        Secret secret = Secret.of("s3cr3t-value");

        assertThat(secret.toString()).isEqualTo("****").doesNotContain("s3cr3t");
        assertThat(Secret.of(" ").toString()).isEqualTo("(not set)");
    }

    @Test
    void matchesComparesWholeValue() {
        Secret secret = Secret.of("abc");

        assertThat(secret.matches("abc")).isTrue();
        assertThat(secret.matches("abd")).isFalse();
        assertThat(secret.matches(null)).isFalse();
        assertThat(Secret.of("").matches("")).isFalse();
    }
}
