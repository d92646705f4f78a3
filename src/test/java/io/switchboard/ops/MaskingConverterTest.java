package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingConverterTest {

    @Test
    void secretValuesAreMaskedInLogLines() {
        assertThat(MaskingConverter.mask("event=token-fetched password=hunter2 client_secret=abc"))
                .isEqualTo("event=token-fetched password=**** client_secret=****");
        assertThat(MaskingConverter.mask("Authorization: Bearer eyJhbGciOi")).isEqualTo("Authorization: ****");
        assertThat(MaskingConverter.mask("app-secret=\"xyz\"")).isEqualTo("app-secret=\"****\"");
    }

    @Test
    void ordinaryKeysAreLeftAlone() {
        String line = "event=started docs=here tokenCount=3 messageId=abc";
        assertThat(MaskingConverter.mask(line)).isEqualTo(line);
    }
}
