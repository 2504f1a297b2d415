package dev.relay.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Headers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Parsing API bodies into typed values, and the 400s for everything else, without a server. */
class RequestBodyTest {

    private static RequestBody body(String json) {
        return RequestBody.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void failsWith(Runnable call, String code, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.status().code()).isEqualTo(400);
        });
    }

    @Test
    void readsTextPayloadHeadersAndNumbers() {
        RequestBody b = body("{\"subject\":\"a\",\"message\":\"héllo\",\"headers\":{\"K\":\"v\",\"M\":[\"1\",\"2\"]},"
                + "\"timeout_ms\":250}");
        assertThat(b.text("subject")).isEqualTo("a");
        assertThat(b.payload(1024)).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
        Headers h = b.headers("headers");
        assertThat(h.get("K")).containsExactly("v");
        assertThat(h.get("M")).containsExactly("1", "2");
        assertThat(b.optionalLong("timeout_ms", 1, 1000)).contains(250L);
        assertThat(b.optionalText("reply")).isEmpty();
    }

    @Test
    void readsBase64Payloads() {
        assertThat(body("{\"message_b64\":\"AP8=\"}").payload(10)).containsExactly(0, 0xff);
        assertThat(body("{\"message\":\"\"}").payload(10)).isEmpty();
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        failsWith(() -> body("{"), "malformed_json", "body");
        failsWith(() -> body("\"text\""), "malformed_json", "body");
        failsWith(() -> RequestBody.parse(new byte[0]), "malformed_json", "body");
    }

    @Test
    void refusesMissingWrongAndOversizedFields() {
        failsWith(() -> body("{}").text("subject"), "missing_field", "subject");
        failsWith(() -> body("{\"subject\":[1]}").text("subject"), "invalid_field", "subject");
        failsWith(() -> body("{}").payload(10), "missing_field", "message");
        failsWith(() -> body("{\"message\":\"a\",\"message_b64\":\"YQ==\"}").payload(10), "invalid_field", "message_b64");
        failsWith(() -> body("{\"message_b64\":\"***\"}").payload(10), "invalid_field", "message_b64");
        failsWith(() -> body("{\"message\":\"12345678901\"}").payload(10), "payload_too_large", "message");
        failsWith(() -> body("{\"timeout_ms\":1.5}").optionalLong("timeout_ms", 1, 10), "invalid_field", "timeout_ms");
        failsWith(() -> body("{\"timeout_ms\":11}").optionalLong("timeout_ms", 1, 10), "invalid_field", "timeout_ms");
        failsWith(() -> body("{\"headers\":[]}").headers("headers"), "invalid_field", "headers");
        failsWith(() -> body("{\"headers\":{\"K\":7}}").headers("headers"), "invalid_field", "headers");
        failsWith(() -> body("{\"headers\":{\"K\":\"a\\r\\nb\"}}").headers("headers"), "invalid_field", "headers");
    }
}
