package dev.relay.nats.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a malformed discovery answer turns into: an error whose message stays short however large the answer. */
class ServiceJsonTest {

    @Test
    void aLargeAnswerThatIsNotJsonIsQuotedOnlyInPart() {
        String garbage = "x".repeat(100_000);

        assertThatThrownBy(() -> ServiceJson.readPing(garbage.getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("not JSON: xxx")
            .hasMessageEndingWith("(100000 chars)")
            .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void aLargeAnswerOfTheWrongTypeIsQuotedOnlyInPart() {
        String info = "{\"type\":\"io.nats.micro.v1.info_response\",\"description\":\"" + "d".repeat(10_000) + "\"}";

        assertThatThrownBy(() -> ServiceJson.readPing(info.getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("expected a " + PingResponse.TYPE + ", got {\"type\"")
            .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }

    @Test
    void aShortAnswerIsQuotedWhole() {
        assertThat(ServiceJson.excerpt("{\"a\":1}")).isEqualTo("{\"a\":1}");
    }
}
