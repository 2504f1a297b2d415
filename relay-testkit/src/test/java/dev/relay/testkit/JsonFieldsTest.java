package dev.relay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Unit tests of {@link JsonFields} on nats-server 2.9.10 output. */
class JsonFieldsTest {

    /** Trimmed {@code /routez?subs=1} of nats-server 2.9.10. */
    private static final String ROUTEZ = """
            {
              "server_id": "NB5E",
              "num_routes": 2,
              "routes": [
                {
                  "rid": 6,
                  "remote_id": "NB7R",
                  "subscriptions_list": [
                    "$SYS.ACCOUNT.*.CLAIMS.UPDATE",
                    "demo.x"
                  ]
                },
                {
                  "rid": 7,
                  "remote_id": "NDT7",
                  "subscriptions_list": [
                    "orders.\\u003e"
                  ]
                }
              ]
            }
            """;

    @Test
    void allStringsFindsTheFieldAtAnyDepth() {
        assertThat(JsonFields.allStrings(ROUTEZ, "remote_id")).containsExactly("NB7R", "NDT7");
        assertThat(JsonFields.allStrings(ROUTEZ, "missing")).isEmpty();
    }

    @Test
    void stringArraysFlattensEveryArrayAndUnescapes() {
        assertThat(JsonFields.stringArrays(ROUTEZ, "subscriptions_list"))
                .containsExactly("$SYS.ACCOUNT.*.CLAIMS.UPDATE", "demo.x", "orders.>");
    }

    @Test
    void readsConnectUrlsOfAnInfoGreeting() {
        String info = "{\"server_id\":\"N\",\"cluster\":\"relay-test\",\"connect_urls\":"
                + "[\"127.0.0.1:4222\",\"127.0.0.1:4223\"]}";
        assertThat(JsonFields.stringArrays(info, "connect_urls")).containsExactly("127.0.0.1:4222", "127.0.0.1:4223");
        assertThat(JsonFields.stringArrays("{\"connect_urls\":[]}", "connect_urls")).isEmpty();
    }

    @Test
    void unescapeHandlesQuotesBackslashesAndUnicode() {
        assertThat(JsonFields.unescape("a\\\"b\\\\c\\/d\\u003ee")).isEqualTo("a\"b\\c/d>e");
        assertThat(JsonFields.unescape("plain")).isEqualTo("plain");
    }
}
