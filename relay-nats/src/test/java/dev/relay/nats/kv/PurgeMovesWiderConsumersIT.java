package dev.relay.nats.kv;

import static dev.relay.nats.jetstream.JsClients.WAIT;
import static dev.relay.nats.jetstream.JsClients.unique;
import static dev.relay.nats.kv.KvClients.memoryBucket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.nats.Connection;
import dev.relay.nats.jetstream.AckPolicy;
import dev.relay.nats.jetstream.ConsumerConfig;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.JsClients;
import dev.relay.nats.jetstream.JsMessage;
import dev.relay.nats.jetstream.PullConsumer;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server bug the README names for wide KV and object watches, shown without a watch's timing: a
 * consumer over the whole bucket that has not yet been handed a put, then a purge (a subject rollup) of
 * another key. nats-server 2.9.10 moves the consumer to the stream's last sequence, so the put is never
 * delivered; the current server delivers both.
 */
@NatsTest
class PurgeMovesWiderConsumersIT {

    @Test
    void theCurrentServerStillDeliversAPutStoredJustBeforeAnotherKeysPurge(NatsServer server) {
        assertThat(subjectsDelivered(server)).containsExactly("a", "c");
    }

    @Test
    @NatsServerOptions(version = "2.9")
    void nats29SkipsAPutStoredJustBeforeAnotherKeysPurge(NatsServer server) {
        assertThat(subjectsDelivered(server)).containsExactly("c");
    }

    /** Keys delivered to a consumer over the whole bucket, created before a put of "a" and a purge of "c". */
    private static List<String> subjectsDelivered(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String bucket = unique("pm");
            KeyValue kv = KeyValueManagement.of(js).create(memoryBucket(bucket).history(5).build());
            String stream = "KV_" + bucket;
            js.management().addOrUpdateConsumer(stream, ConsumerConfig.builder().durable("wide")
                .filterSubject("$KV." + bucket + ".>").ackPolicy(AckPolicy.NONE).build());
            kv.put("a", "a1");
            kv.purge("c");
            try (PullConsumer c = js.pullConsumer(stream, "wide")) {
                List<JsMessage> got = c.fetch(10, Duration.ofMillis(500));
                return got.stream().map(m -> m.subject().substring(("$KV." + bucket + ".").length())).toList();
            }
        }
    }
}
