package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The boundary search against the obvious one, on inputs dense with partial matches (small alphabets). */
class MultipartBoundarySearchTest {

    @Test
    void findsWhatANaiveSearchFinds() {
        Random random = new Random(13);
        for (int round = 0; round < 20_000; round++) {
            byte[] alphabet = round % 2 == 0 ? new byte[] {'\r', '\n', '-', 'B'} : new byte[] {'\r', 'a'};
            byte[] data = randomBytes(random, alphabet, random.nextInt(64));
            byte[] pattern = randomBytes(random, alphabet, 1 + random.nextInt(6));
            int from = random.nextInt(data.length + 2) - 1;
            assertThat(MultipartParser.indexOf(data, pattern, from))
                    .as("round %d", round).isEqualTo(naiveIndexOf(data, pattern, from));
        }
    }

    @Test
    void findsTheDelimiterAtTheStartTheEndAndNowhere() {
        byte[] delimiter = "\r\n--b".getBytes();
        assertThat(MultipartParser.indexOf("\r\n--b".getBytes(), delimiter, 0)).isZero();
        assertThat(MultipartParser.indexOf("<a/>\r\n\r\n--b".getBytes(), delimiter, 0)).isEqualTo(6);
        assertThat(MultipartParser.indexOf("<a/>\r\n--".getBytes(), delimiter, 0)).isEqualTo(-1);
        assertThat(MultipartParser.indexOf("<a/>".getBytes(), delimiter, 9)).isEqualTo(-1);
    }

    private static byte[] randomBytes(Random random, byte[] alphabet, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return bytes;
    }

    private static int naiveIndexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(from, 0); i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
