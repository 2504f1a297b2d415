package dev.relay.nats.internal.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader and writer for the two objects the connection core exchanges on every
 * connect (INFO in, CONNECT out), so that connecting loads no JSON library: Jackson's first use cost a
 * fresh JVM 150-280 ms of a connect measured at 600-1,000 ms. RFC 8259 values; objects become maps
 * (the last of repeated keys wins), arrays lists, numbers stay as their text. Nesting is bounded, so
 * hostile input ends in an {@link IllegalArgumentException}, never a stack overflow. Stateless;
 * thread-safe.
 *
 * <pre>
 * value  = object / array / string / number / "true" / "false" / "null"
 * object = "{" [ string ":" value *( "," string ":" value ) ] "}"
 * array  = "[" [ value *( "," value ) ] "]"
 * number = [ "-" ] int [ "." 1*DIGIT ] [ ( "e" / "E" ) [ "+" / "-" ] 1*DIGIT ]    ; kept as text
 * </pre>
 */
public final class SmallJson {
    /** Deeper nesting than any INFO has, and shallow enough for any thread's stack. */
    private static final int MAX_DEPTH = 64;

    /** A JSON number, as written (so no precision is lost or invented). */
    public record Number(String text) {
    }

    private final String s;
    private int pos;

    private SmallJson(String s) {
        this.s = s;
    }

    /**
     * Parses one JSON value that spans the whole text (white space around it allowed).
     *
     * @param text the JSON text
     * @return a {@code Map<String, Object>}, {@code List<Object>}, {@code String}, {@link Number},
     *     {@code Boolean}, or null for JSON's null
     * @throws IllegalArgumentException if the text is not one JSON value, saying what and where
     */
    public static Object parse(String text) {
        SmallJson p = new SmallJson(text);
        p.skipSpace();
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.bad("unexpected text after the value");
        }
        return v;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw bad("nested deeper than " + MAX_DEPTH);
        }
        if (pos >= s.length()) {
            throw bad("a value is missing");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return word("true", Boolean.TRUE);
            case 'f':
                return word("false", Boolean.FALSE);
            case 'n':
                return word("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw bad("unexpected character");
        }
    }

    private Map<String, Object> object(int depth) {
        pos++;
        Map<String, Object> m = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return m;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw bad("a key (a string) is expected");
            }
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            m.put(key, value(depth + 1));
            skipSpace();
            char c = next();
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                pos--;
                throw bad("',' or '}' is expected");
            }
        }
    }

    private List<Object> array(int depth) {
        pos++;
        List<Object> l = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return l;
        }
        while (true) {
            skipSpace();
            l.add(value(depth + 1));
            skipSpace();
            char c = next();
            if (c == ']') {
                return l;
            }
            if (c != ',') {
                pos--;
                throw bad("',' or ']' is expected");
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder b = null;
        int start = pos;
        while (true) {
            if (pos >= s.length()) {
                throw bad("unterminated string");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                String tail = s.substring(start, pos);
                pos++;
                return b == null ? tail : b.append(tail).toString();
            }
            if (c < 0x20) {
                throw bad("control character in a string");
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (b == null) {
                b = new StringBuilder();
            }
            b.append(s, start, pos);
            pos++;
            b.append(escape());
            start = pos;
        }
    }

    private char escape() {
        char e = next();
        switch (e) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (pos + 4 > s.length()) {
                    throw bad("short \\u escape");
                }
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(s.charAt(pos + i), 16);
                    if (d < 0) {
                        throw bad("bad \\u escape");
                    }
                    v = v * 16 + d;
                }
                pos += 4;
                return (char) v;
            default:
                pos--;
                throw bad("bad escape");
        }
    }

    private Number number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw bad("a digit is expected");
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw bad("a digit is expected after '.'");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw bad("a digit is expected in the exponent");
            }
        }
        return new Number(s.substring(start, pos));
    }

    private boolean digits() {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private Object word(String w, Object v) {
        if (!s.startsWith(w, pos)) {
            throw bad("unexpected word");
        }
        pos += w.length();
        return v;
    }

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= s.length()) {
            throw bad("the text ends too early");
        }
        return s.charAt(pos++);
    }

    private void expect(char c) {
        if (next() != c) {
            pos--;
            throw bad("'" + c + "' is expected");
        }
    }

    private IllegalArgumentException bad(String what) {
        return new IllegalArgumentException(what + " at character " + pos);
    }

    /**
     * Appends a JSON string literal: quotes, backslashes and control characters escaped, the rest as is.
     *
     * @param b where to append
     * @param text the string
     * @return {@code b}
     */
    public static StringBuilder quote(StringBuilder b, String text) {
        b.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"');
    }
}
