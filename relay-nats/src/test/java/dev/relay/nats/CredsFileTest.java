package dev.relay.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading {@code .creds} and seed files: tolerated layouts, and errors that name the problem but no secret. */
class CredsFileTest {
    private static final NKey ACCOUNT = NKey.create(NKey.Type.ACCOUNT);
    private static final NKey USER = NKey.create(NKey.Type.USER);
    private static final String SEED = new String(USER.seed());
    private static final String JWT = JwtIssuer.user(ACCOUNT, USER.publicKey(), null);

    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path f = dir.resolve("user.creds");
        Files.writeString(f, text);
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void theNscLayoutIsReadWithEitherLineEnd(String eol) throws Exception {
        CredsFile.Creds c = CredsFile.readCreds(write(JwtIssuer.creds(JWT, USER.seed(), eol)));
        assertThat(c.jwt()).isEqualTo(JWT);
        assertThat(c.key()).isEqualTo(USER);
        assertThat(c.toString()).doesNotContain(JWT).doesNotContain(SEED);
    }

    @Test
    void extraWhitespaceAndAJwtSplitOverLinesAreTolerated() throws Exception {
        String text = "\n\n   -----BEGIN NATS USER JWT-----  \n\t" + JWT.substring(0, 40) + "  \n" + JWT.substring(40)
            + "\n\n  ------END NATS USER JWT------\n\n -----BEGIN USER NKEY SEED-----\r\n  " + SEED
            + "  \r\n------END USER NKEY SEED------";
        CredsFile.Creds c = CredsFile.readCreds(write(text));
        assertThat(c.jwt()).isEqualTo(JWT);
        assertThat(c.key().publicKey()).isEqualTo(USER.publicKey());
    }

    @Test
    void eachMalformationIsNamedWithTheFileAndWithoutSecrets() throws Exception {
        String jwtBlock = "-----BEGIN NATS USER JWT-----\n" + JWT + "\n------END NATS USER JWT------\n";
        String seedBlock = "-----BEGIN USER NKEY SEED-----\n" + SEED + "\n------END USER NKEY SEED------\n";
        assertMalformed(seedBlock, "no '-----BEGIN NATS USER JWT-----' block");
        assertMalformed(jwtBlock, "no '-----BEGIN USER NKEY SEED-----' block");
        assertMalformed("-----BEGIN NATS USER JWT-----\n\n------END NATS USER JWT------\n" + seedBlock,
            "the NATS USER JWT block is empty");
        assertMalformed(jwtBlock + "-----BEGIN USER NKEY SEED-----\n" + SEED + "\n", "the USER NKEY SEED block has no END line");
        assertMalformed(jwtBlock.replace(JWT, "not-a-jwt") + seedBlock, "is not a JWT");
        String corrupted = SEED.substring(0, 30) + (SEED.charAt(30) == 'A' ? 'B' : 'A') + SEED.substring(31);
        assertMalformed(jwtBlock + seedBlock.replace(SEED, corrupted), "invalid seed: seed fails its checksum");
        assertMalformed(jwtBlock + seedBlock.replace(SEED, new String(ACCOUNT.seed())), "the seed is of type ACCOUNT");
        assertMalformed("", "no '-----BEGIN NATS USER JWT-----' block");
    }

    private void assertMalformed(String text, String problem) throws Exception {
        Path f = write(text);
        assertThatThrownBy(() -> Auth.credsFile(f)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("creds file " + f)
            .hasMessageContaining(problem)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SEED).doesNotContain(JWT)
                .doesNotContain(SEED.substring(5, 25)).doesNotContain(new String(ACCOUNT.seed()).substring(5, 25)));
    }

    @Test
    void aMissingOrBinaryFileIsNamed() throws Exception {
        Path missing = dir.resolve("nope.creds");
        assertThatThrownBy(() -> Auth.credsFile(missing)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("creds file " + missing + " cannot be read: NoSuchFileException");
        Path binary = dir.resolve("binary.creds");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3});
        assertThatThrownBy(() -> Auth.credsFile(binary)).hasMessage("creds file " + binary + " is not UTF-8 text");
        Path huge = dir.resolve("huge.creds");
        Files.write(huge, new byte[100_000]);
        assertThatThrownBy(() -> Auth.credsFile(huge)).hasMessageContaining("not a credentials file");
    }

    @Test
    void aSeedFileHoldsTheSeedAloneOrAmongOtherLines() throws Exception {
        Path plain = dir.resolve("user.nk");
        Files.writeString(plain, SEED + "\n");
        assertThat(CredsFile.readSeedFile(plain)).isEqualTo(USER);
        Path creds = write(JwtIssuer.creds(JWT, USER.seed(), "\r\n"));
        assertThat(CredsFile.readSeedFile(creds)).isEqualTo(USER);
        Path empty = dir.resolve("empty.nk");
        Files.writeString(empty, "nothing here\n");
        assertThatThrownBy(() -> Auth.nkeyFile(empty)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("NKey seed file " + empty + " holds no user seed (a line starting with 'SU')");
    }

    @Test
    void proofsSignTheNonceAndFilesAreReadAgainEachTime() throws Exception {
        Path f = write(JwtIssuer.creds(JWT, USER.seed(), "\n"));
        Auth auth = Auth.credsFile(f);
        Auth.Proof p = auth.prove("nonce-1");
        assertThat(p.jwt()).contains(JWT);
        assertThat(p.nkey()).isEmpty();
        assertThat(USER.verify("nonce-1".getBytes(StandardCharsets.UTF_8), Base64.getUrlDecoder().decode(p.signature())))
            .isTrue();
        assertThat(p.signature()).doesNotContain("=").doesNotContain("+").doesNotContain("/");

        NKey rotated = NKey.create(NKey.Type.USER);
        String rotatedJwt = JwtIssuer.user(ACCOUNT, rotated.publicKey(), null);
        Files.writeString(f, JwtIssuer.creds(rotatedJwt, rotated.seed(), "\n"));
        Auth.Proof after = auth.prove("nonce-2");
        assertThat(after.jwt()).contains(rotatedJwt);
        assertThat(rotated.verify("nonce-2".getBytes(StandardCharsets.UTF_8), Base64.getUrlDecoder().decode(after.signature())))
            .isTrue();
        assertThat(auth.toString()).isEqualTo("Auth[creds file " + f + "]");
        assertThat(after.toString()).doesNotContain(rotatedJwt).doesNotContain(after.signature());
    }
}
