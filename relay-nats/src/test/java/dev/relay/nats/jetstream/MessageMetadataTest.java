package dev.relay.nats.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Parsing of both ack subject layouts. */
class MessageMetadataTest {

    @Test
    void theNineTokenLayoutHasNoDomain() {
        MessageMetadata m = MessageMetadata.parse("$JS.ACK.ORDERS.billing.3.42.17.1700000000123456789.5");
        assertThat(m).isEqualTo(new MessageMetadata("", "ORDERS", "billing", 3, 42, 17,
            Instant.ofEpochSecond(1_700_000_000L, 123_456_789), 5));
    }

    @Test
    void theV2LayoutCarriesDomainAndAccountHash() {
        MessageMetadata m = MessageMetadata.parse("$JS.ACK.hub.ACCHASH.ORDERS.billing.1.7.6.1700000000000000000.0.r4nd");
        assertThat(m.domain()).isEqualTo("hub");
        assertThat(m.stream()).isEqualTo("ORDERS");
        assertThat(m.consumer()).isEqualTo("billing");
        assertThat(m.delivered()).isEqualTo(1);
        assertThat(m.streamSequence()).isEqualTo(7);
        assertThat(m.consumerSequence()).isEqualTo(6);
        assertThat(m.pending()).isZero();
    }

    @Test
    void anUnderscoreDomainMeansNoneAndElevenTokensAreAccepted() {
        assertThat(MessageMetadata.parse("$JS.ACK._.H.S.C.1.2.3.4.5.x").domain()).isEmpty();
        assertThat(MessageMetadata.parse("$JS.ACK._.H.S.C.1.2.3.4.5").streamSequence()).isEqualTo(2);
    }

    @Test
    void otherSubjectsAreRefused() {
        assertThatThrownBy(() -> MessageMetadata.parse("_INBOX.abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageMetadata.parse("$JS.ACK.S.C.1.2.3.4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageMetadata.parse("$JS.ACK.S.C.x.2.3.4.5")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("non-numeric");
    }
}
