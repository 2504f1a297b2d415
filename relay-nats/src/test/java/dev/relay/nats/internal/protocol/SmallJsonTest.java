package dev.relay.nats.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small JSON reader and writer of the connection core: RFC 8259 values, strict, bounded. */
class SmallJsonTest {

    @Test
    void readsEveryKindOfValue() {
        Object v = SmallJson.parse(" {\"s\":\"a\\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00\", \"n\":-12.5e+3, \"z\":0, "
            + "\"t\":true, \"f\":false, \"x\":null, \"l\":[1,\"two\",[]], \"o\":{\"k\":{}}, \"s\":\"last\"} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(m.get("s")).as("the last of repeated keys").isEqualTo("last");
        assertThat(m.get("n")).isEqualTo(new SmallJson.Number("-12.5e+3"));
        assertThat(m.get("z")).isEqualTo(new SmallJson.Number("0"));
        assertThat(m.get("t")).isEqualTo(true);
        assertThat(m.get("f")).isEqualTo(false);
        assertThat(m.containsKey("x")).isTrue();
        assertThat(m.get("x")).isNull();
        assertThat((List<?>) m.get("l")).hasSize(3);
        assertThat(((Map<?, ?>) ((Map<?, ?>) m.get("o")).get("k"))).isEmpty();
    }

    @Test
    void decodesEscapesIntoTheStringTheyName() {
        assertThat(SmallJson.parse("\"a\\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00\"")).isEqualTo("a\"b\\c/\né\ud83d\ude00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "{'a':1}", "{\"a\":01}",
        "{\"a\":1.}", "{\"a\":-}", "{\"a\":1e}", "\"\\x\"", "\"\\u12\"", "\"a", "tru", "nul", "{\"a\":1} x",
        "{\"a\":\"\u0001\"}", "{a:1}", "[1 2]"})
    void refusesWhatIsNotOneJsonValue(String text) {
        assertThatThrownBy(() -> SmallJson.parse(text)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("at character");
    }

    @Test
    void deepNestingEndsInAnErrorNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> SmallJson.parse(deep)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("nested deeper");
    }

    @Test
    void quotedStringsReadBackAsThemselves() {
        String tricky = "quote \" backslash \\ newline \n tab \t bell \u0007 line-sep \u2028 é 😀";
        String literal = SmallJson.quote(new StringBuilder(), tricky).toString();
        assertThat(literal).doesNotContain("\n").doesNotContain("\u0007");
        assertThat(SmallJson.parse(literal)).isEqualTo(tricky);
    }

    @Test
    void theConnectObjectIsJsonWithItsFieldsInOrderAndNoAbsentOnes() {
        byte[] json = JsonCodec.connect(new JsonCodec.ConnectFields("svc \"a\"", "java", "0.1.0", true, false, false,
            "alice", "p\\w", null));
        String text = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("{\"verbose\":false,\"pedantic\":false,\"tls_required\":false,"
            + "\"name\":\"svc \\\"a\\\"\",\"lang\":\"java\",\"version\":\"0.1.0\",\"protocol\":1,\"echo\":true,"
            + "\"headers\":true,\"no_responders\":true,\"user\":\"alice\",\"pass\":\"p\\\\w\"}");
        Map<?, ?> m = (Map<?, ?>) SmallJson.parse(text);
        assertThat(m.get("pass")).isEqualTo("p\\w");
        assertThat(m.containsKey("auth_token")).isFalse();
    }

    @Test
    void infoFieldsOfAnotherTypeTakeTheirZeroValue() {
        var info = JsonCodec.parseInfo("{\"port\":\"4222\",\"max_payload\":1.5,\"headers\":\"true\","
            + "\"connect_urls\":[\"a:1\",2,null],\"server_id\":7,\"future_field\":{\"x\":[1]}}");
        assertThat(info.port()).isZero();
        assertThat(info.maxPayload()).isEqualTo(1024 * 1024);
        assertThat(info.headers()).isFalse();
        assertThat(info.connectUrls()).containsExactly("a:1");
        assertThat(info.serverId()).isEqualTo("7");
    }
}
