package dev.relay.nats.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The eight-bytes-at-a-time scans (LF search, subject compare) against byte-by-byte answers, in both byte orders. */
class WordScanTest {

    private static ByteBuffer direct(byte[] bytes, boolean bigEndian) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length + 3);
        b.put(new byte[] {'x', 'y', 'z'}).put(bytes).flip();
        return b.order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void findsTheFirstLfAtEveryPositionWhateverSurroundsIt(boolean bigEndian) {
        // 0x0B is '\n' ^ 1, the byte a borrowing zero-byte test would mistake for an LF next to a real one
        byte[] fillers = {0x0B, 0x00, (byte) 0x8A, 'a', (byte) 0xFF, 0x09};
        for (byte filler : fillers) {
            for (int len = 0; len <= 24; len++) {
                for (int lf = -1; lf < len; lf++) {
                    byte[] bytes = new byte[len];
                    Arrays.fill(bytes, filler);
                    if (lf >= 0) {
                        bytes[lf] = '\n';
                        if (lf + 1 < len) {
                            bytes[lf + 1] = '\n';
                        }
                    }
                    ByteBuffer b = direct(bytes, bigEndian);
                    int expected = lf < 0 ? -1 : lf + 3;
                    assertThat(ProtocolParser.indexOfLf(b, 3, 3 + len))
                        .as("filler %02x, length %d, LF at %d", filler, len, lf).isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void comparesEqualOnlyWhenEveryByteMatches(boolean bigEndian) {
        for (int len = 0; len <= 20; len++) {
            byte[] subject = new byte[len];
            for (int i = 0; i < len; i++) {
                subject[i] = (byte) ('a' + i);
            }
            ByteBuffer b = direct(subject, bigEndian);
            assertThat(Ascii.equalsAt(b, 3, subject, Ascii.words(subject))).isTrue();
            for (int i = 0; i < len; i++) {
                byte[] other = subject.clone();
                other[i] ^= 0x20;
                assertThat(Ascii.equalsAt(b, 3, other, Ascii.words(other))).as("length %d, differing at %d", len, i).isFalse();
            }
        }
    }
}
