package dev.relay.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.internal.protocol.NKeyCodec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The NKey encoding and signing, checked against published vectors of its building blocks (RFC 4648
 * base32, the CRC-16/XMODEM check value, RFC 8032 Ed25519); interoperability with nats-server itself is
 * proven by {@code NKeyAuthIT} and {@code CredsAuthIT}.
 */
class NKeyTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({"'',''", "f,MY", "fo,MZXQ", "foo,MZXW6", "foob,MZXW6YQ", "fooba,MZXW6YTB", "foobar,MZXW6YTBOI"})
    void base32MatchesRfc4648WithoutPadding(String data, String encoded) {
        byte[] bytes = data.getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(NKeyCodec.base32(bytes))).isEqualTo(encoded);
        assertThat(NKeyCodec.base32Decode(encoded.toCharArray(), "text")).isEqualTo(bytes);
    }

    @Test
    void crc16IsTheXmodemVariant() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(NKeyCodec.crc16(check, 0, check.length)).isEqualTo(0x31C3);
    }

    /** RFC 8032 section 7.1, tests 1 and 2: the JDK's Ed25519 behind NKey gives the published key and signature. */
    @ParameterizedTest
    @CsvSource({
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
            + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a,'',"
            + "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
            + "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c,72,"
            + "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"})
    void ed25519MatchesRfc8032(String secret, String publicKey, String message, String signature) {
        NKey key = NKey.fromRawSeed(NKey.Type.USER, HEX.parseHex(secret));
        assertThat(HEX.formatHex(key.rawPublicKey())).isEqualTo(publicKey);
        byte[] msg = HEX.parseHex(message);
        assertThat(HEX.formatHex(key.sign(msg))).isEqualTo(signature);
        NKey verifier = NKey.fromPublicKey(key.publicKey());
        assertThat(verifier.verify(msg, HEX.parseHex(signature))).isTrue();
        assertThat(NKey.fromSeed(key.seed())).isEqualTo(key);
    }

    @ParameterizedTest
    @EnumSource(NKey.Type.class)
    void everyTypeRoundTripsThroughItsSeedAndPublicKey(NKey.Type type) {
        NKey key = NKey.create(type);
        char[] seed = key.seed();
        assertThat(seed).hasSize(58).startsWith('S', type.letter());
        assertThat(key.publicKey()).hasSize(56).startsWith(String.valueOf(type.letter()));
        NKey again = NKey.fromSeed("  " + new String(seed) + "\n");
        assertThat(again.publicKey()).isEqualTo(key.publicKey());
        assertThat(again.type()).isEqualTo(type);
        assertThat(again.seed()).isEqualTo(seed);
        assertThat(NKey.fromPublicKey(key.publicKey()).type()).isEqualTo(type);
        assertThat(NKey.isValidPublicKey(key.publicKey(), type)).isTrue();
    }

    @Test
    void signaturesVerifyOnlyForTheSignedDataAndTheSigningKey() {
        NKey key = NKey.create(NKey.Type.USER);
        byte[] nonce = "a nonce".getBytes(StandardCharsets.UTF_8);
        byte[] sig = key.sign(nonce);
        assertThat(sig).hasSize(64);
        NKey publicOnly = NKey.fromPublicKey(key.publicKey());
        assertThat(publicOnly.verify(nonce, sig)).isTrue();
        assertThat(publicOnly.verify("another".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
        assertThat(NKey.create(NKey.Type.USER).verify(nonce, sig)).isFalse();
        assertThat(publicOnly.hasSeed()).isFalse();
        assertThatThrownBy(() -> publicOnly.sign(nonce)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("public key only");
        assertThatThrownBy(publicOnly::seed).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCorruptedCharacterFailsTheChecksumAndTheMessageNeverShowsTheSeed() {
        NKey key = NKey.create(NKey.Type.USER);
        String seed = new String(key.seed());
        String badSeed = seed.substring(0, 20) + (seed.charAt(20) == 'A' ? 'B' : 'A') + seed.substring(21);
        assertThatThrownBy(() -> NKey.fromSeed(badSeed)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("checksum")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(badSeed).doesNotContain(seed.substring(2, 20)));
        String pub = key.publicKey();
        String badPub = pub.substring(0, 30) + (pub.charAt(30) == 'A' ? 'B' : 'A') + pub.substring(31);
        assertThatThrownBy(() -> NKey.fromPublicKey(badPub)).hasMessageContaining("checksum");
        assertThat(NKey.isValidPublicKey(badPub, NKey.Type.USER)).isFalse();
        assertThatThrownBy(() -> NKey.fromSeed(seed.substring(0, 57))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NKey.fromSeed(seed.toLowerCase())).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("base32")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(seed.toLowerCase()));
    }

    @Test
    void theWrongKindOfKeyIsRejected() {
        NKey user = NKey.create(NKey.Type.USER);
        assertThat(NKey.isValidPublicKey(user.publicKey(), NKey.Type.ACCOUNT)).isFalse();
        assertThat(NKey.isValidPublicKey(null, NKey.Type.USER)).isFalse();
        assertThatThrownBy(() -> NKey.fromSeed(user.publicKey())).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not an NKey seed");
        assertThatThrownBy(() -> NKey.fromPublicKey(new String(user.seed())))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("56 characters")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(new String(user.seed())));
        String curve = NKeyCodec.encodePublic(23 << 3, new byte[32]);
        assertThat(curve).startsWith("X");
        assertThatThrownBy(() -> NKey.fromPublicKey(curve)).hasMessageContaining("curve (X) key");
        char[] curveSeed = NKeyCodec.encodeSeed(23 << 3, new byte[32]);
        assertThatThrownBy(() -> NKey.fromSeed(curveSeed)).hasMessageContaining("curve (X) key");
        String privateKey = NKeyCodec.encodePublic(15 << 3, new byte[32]);
        assertThatThrownBy(() -> NKey.fromPublicKey(privateKey)).hasMessageContaining("unknown type prefix");
    }

    @Test
    void toStringShowsThePublicKeyOnly() {
        NKey key = NKey.create(NKey.Type.ACCOUNT);
        assertThat(key.toString()).isEqualTo("NKey[ACCOUNT " + key.publicKey() + "]")
            .doesNotContain(new String(key.seed()));
    }
}
