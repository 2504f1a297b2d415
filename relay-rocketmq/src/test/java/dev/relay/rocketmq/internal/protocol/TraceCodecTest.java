package dev.relay.rocketmq.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.rocketmq.TraceRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceCodecTest {

    @Test
    void recordsRoundTripAndMalformedOnesAreSkipped() {
        String body = TraceCodec.record("Pub", 1700000000000L, "DefaultRegion", "pg", "T", "ID1", "tag", "k1 k2",
            "127.0.0.1:10911", 5, 3, 0, "OFF", true)
            + "garbage\u0002"
            + TraceCodec.record("EndTransaction", 1700000000001L, "DefaultRegion", "pg", "T", "ID2", null, null,
            "127.0.0.1:10911", 2, "TX", "COMMIT_MESSAGE", false);

        List<TraceRecord> records = TraceCodec.decode(body);

        assertThat(records).hasSize(2);
        TraceRecord pub = records.get(0);
        assertThat(pub.type()).isEqualTo("Pub");
        assertThat(pub.timestamp()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
        assertThat(pub.group()).isEqualTo("pg");
        assertThat(pub.msgId()).isEqualTo("ID1");
        assertThat(pub.fields()).hasSize(14).endsWith("OFF", "true");
        assertThat(records.get(1).fields()).containsSequence("", "", "127.0.0.1:10911");
        assertThat(records.get(1).fields().get(11)).isEqualTo("COMMIT_MESSAGE");
    }
}
