package dev.relay.nats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the files behind {@link Auth#credsFile} and {@link Auth#nkeyFile}: the decorated
 * {@code .creds} format and plain seed files. Called by {@link RealAuth} on each connect. Errors name
 * the file and what is wrong, never what the file holds. Stateless; thread-safe.
 *
 * <pre>
 * -----BEGIN NATS USER JWT-----
 * eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.…      (one or more lines)
 * ------END NATS USER JWT------
 * (any text: nsc writes a warning here)
 * -----BEGIN USER NKEY SEED-----
 * SU…
 * ------END USER NKEY SEED------
 * </pre>
 * Line ends may be LF or CRLF; blank lines and surrounding whitespace are ignored.
 */
final class CredsFile {
    /** Larger than any real creds file; a bound against reading a wrong, huge file into memory. */
    private static final long MAX_BYTES = 64 * 1024;

    /** A parsed creds file. The caller wipes {@code seed} after use. */
    record Creds(String jwt, NKey key) {
        @Override
        public String toString() {
            return "Creds[" + key.publicKey() + "]";
        }
    }

    private CredsFile() {
    }

    static Creds readCreds(Path file) {
        char[] text = readText(file, "creds file");
        try {
            char[] jwt = block(text, "NATS USER JWT", file);
            char[] seed = block(text, "USER NKEY SEED", file);
            try {
                String token = new String(jwt);
                checkJwtShape(token, file);
                return new Creds(token, userKey(seed, "creds file " + file));
            } finally {
                Arrays.fill(seed, '\0');
            }
        } finally {
            Arrays.fill(text, '\0');
        }
    }

    static NKey readSeedFile(Path file) {
        char[] text = readText(file, "NKey seed file");
        try {
            // The seed alone, or any file with one line that starts with "SU" (e.g. a creds file).
            int start = -1;
            for (int i = 0; i < text.length - 1 && start < 0; i++) {
                if ((i == 0 || text[i - 1] == '\n') && text[i] == 'S' && text[i + 1] == 'U') {
                    start = i;
                }
            }
            if (start < 0) {
                throw new IllegalArgumentException("NKey seed file " + file + " holds no user seed (a line starting with 'SU')");
            }
            int end = start;
            while (end < text.length && !Character.isWhitespace(text[end])) {
                end++;
            }
            char[] seed = Arrays.copyOfRange(text, start, end);
            try {
                return userKey(seed, "NKey seed file " + file);
            } finally {
                Arrays.fill(seed, '\0');
            }
        } finally {
            Arrays.fill(text, '\0');
        }
    }

    private static NKey userKey(char[] seed, String where) {
        NKey key;
        try {
            key = NKey.fromSeed(seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": invalid seed: " + e.getMessage(), e);
        }
        if (key.type() != NKey.Type.USER) {
            throw new IllegalArgumentException(where + ": the seed is of type " + key.type() + "; clients need a USER seed (SU…)");
        }
        return key;
    }

    private static char[] readText(Path file, String what) {
        byte[] bytes = null;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(what + " " + file + " is " + size + " bytes; not a credentials file");
            }
            bytes = Files.readAllBytes(file);
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            char[] text = new char[chars.remaining()];
            chars.get(text);
            Arrays.fill(chars.array(), '\0');
            return text;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + " cannot be read: " + e.getClass().getSimpleName(), e);
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }

    /** The non-blank lines between {@code -----BEGIN <label>-----} and the next line starting with '-', joined. */
    private static char[] block(char[] text, String label, Path file) {
        String begin = "BEGIN " + label;
        int line = 0;
        int contentStart = -1;
        char[] out = new char[text.length];
        int n = 0;
        while (line < text.length) {
            int eol = line;
            while (eol < text.length && text[eol] != '\n') {
                eol++;
            }
            int a = line;
            int b = eol;
            while (a < b && Character.isWhitespace(text[a])) {
                a++;
            }
            while (b > a && Character.isWhitespace(text[b - 1])) {
                b--;
            }
            if (contentStart < 0) {
                if (a < b && text[a] == '-' && new String(text, a, b - a).contains(begin)) {
                    contentStart = eol;
                }
            } else if (a < b && text[a] == '-') {
                if (n == 0) {
                    throw new IllegalArgumentException("creds file " + file + ": the " + label + " block is empty");
                }
                char[] result = Arrays.copyOf(out, n);
                Arrays.fill(out, '\0');
                return result;
            } else {
                System.arraycopy(text, a, out, n, b - a);
                n += b - a;
            }
            line = eol + 1;
        }
        Arrays.fill(out, '\0');
        throw new IllegalArgumentException("creds file " + file + (contentStart < 0
            ? ": no '-----BEGIN " + label + "-----' block"
            : ": the " + label + " block has no END line"));
    }

    private static void checkJwtShape(String jwt, Path file) {
        String[] parts = jwt.split("\\.", -1);
        boolean ok = parts.length == 3;
        for (int i = 0; ok && i < 3; i++) {
            ok = !parts[i].isEmpty() && parts[i].chars().allMatch(c -> c == '-' || c == '_' || c == '='
                || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9');
        }
        if (!ok) {
            throw new IllegalArgumentException("creds file " + file
                + ": the NATS USER JWT block is not a JWT (three base64url parts separated by dots)");
        }
    }
}
