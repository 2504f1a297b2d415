package dev.relay.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The fast paths: batch publishing, inline dispatchers, and the publish-wait bound. */
@NatsTest
class HotPathIT {

    @Test
    void aBatchDeliversEveryMessageInOrder(NatsServer server) {
        try (Connection pub = Clients.connect(server); Connection sub = Clients.connect(server)) {
            Subscription s = sub.subscribe("batch.>");
            sub.flush(Duration.ofSeconds(5));
            pub.batch(b -> {
                for (int i = 0; i < 1000; i++) {
                    b.publish("batch." + (i % 3), Integer.toString(i));
                }
                b.publish("batch.h", null, Headers.of("K", "v"), new byte[0]);
            });
            for (int i = 0; i < 1000; i++) {
                assertThat(s.nextMessage(Duration.ofSeconds(5)).dataAsString()).isEqualTo(Integer.toString(i));
            }
            assertThat(s.nextMessage(Duration.ofSeconds(5)).headers().get("K")).containsExactly("v");
            assertThat(pub.statistics().outMessages()).isEqualTo(1001);
        }
    }

    @Test
    void messagesPublishedBeforeABatchThrowsAreKept(NatsServer server) {
        try (Connection nc = Clients.connect(server)) {
            Subscription s = nc.subscribe("partial");
            nc.flush(Duration.ofSeconds(5));
            assertThatThrownBy(() -> nc.batch(b -> {
                b.publish("partial", "one");
                b.publish("bad subject", "two");
            })).isInstanceOf(InvalidSubjectException.class);
            assertThat(s.nextMessage(Duration.ofSeconds(5)).dataAsString()).isEqualTo("one");
            nc.publish("partial", "after");
            assertThat(s.nextMessage(Duration.ofSeconds(5)).dataAsString()).isEqualTo("after");
        }
    }

    /**
     * The batch body used to run holding the outbound lock that the I/O thread needs: a flush or a
     * request inside it waited for its whole timeout, and the event loop stalled meanwhile.
     */
    @Test
    void flushAndRequestInsideABatchBodyWorkAndKeepTheOrder(NatsServer server) {
        try (Connection nc = Clients.connect(server); Connection responder = Clients.connect(server)) {
            responder.subscribe("batch.svc", m -> m.respond("answer"));
            responder.flush(Duration.ofSeconds(5));
            Subscription s = nc.subscribe("batch.order");
            nc.flush(Duration.ofSeconds(5));
            AtomicReference<String> reply = new AtomicReference<>();
            nc.batch(b -> {
                b.publish("batch.order", "before the flush".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                nc.flush(Duration.ofSeconds(5));
                reply.set(nc.request("batch.svc", "q", Duration.ofSeconds(5)).dataAsString());
                b.publish("batch.order", "after the request".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            });
            assertThat(reply.get()).isEqualTo("answer");
            assertThat(s.nextMessage(Duration.ofSeconds(5)).dataAsString()).isEqualTo("before the flush");
            assertThat(s.nextMessage(Duration.ofSeconds(5)).dataAsString()).isEqualTo("after the request");
        }
    }

    /** A handler that published in a loop used to write through to the socket once per message. */
    @Test
    void aHandlerThatPublishesInALoopCoalescesItsWrites(NatsServer server) throws Exception {
        int count = 20_000;
        try (Connection nc = Clients.connect(server); Connection sub = Clients.connect(server)) {
            Subscription out = sub.subscribe("loop.out");
            sub.flush(Duration.ofSeconds(5));
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            nc.subscribe("loop.trigger", m -> {
                for (int i = 0; i < count; i++) {
                    nc.publish("loop.out", new byte[8]);
                }
                done.countDown();
            });
            nc.flush(Duration.ofSeconds(5));
            long before = nc.statistics().flushes();
            sub.publish("loop.trigger", "go");
            assertThat(done.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            nc.flush(Duration.ofSeconds(5));
            long writes = nc.statistics().flushes() - before;
            assertThat(writes).as("socket writes for %d publishes from one handler call", count).isLessThan(count / 4);
            for (int i = 0; i < count; i++) {
                out.nextMessage(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void anInlineHandlerRunsOnTheIoThreadAndCanRespond(NatsServer server) {
        try (Connection nc = Clients.connect(server)) {
            AtomicReference<String> thread = new AtomicReference<>();
            Dispatcher inline = nc.createInlineDispatcher();
            inline.subscribe("inline.echo", m -> {
                thread.set(Thread.currentThread().getName());
                m.respond(m.data());
            });
            assertThat(nc.request("inline.echo", "ping", Duration.ofSeconds(5)).dataAsString()).isEqualTo("ping");
            assertThat(thread.get()).startsWith("relay-nats-io-");
        }
    }

    @Test
    void inlineSubscriptionsKeepOrderAndDrain(NatsServer server) {
        try (Connection nc = Clients.connect(server)) {
            List<String> got = new CopyOnWriteArrayList<>();
            Dispatcher inline = nc.createInlineDispatcher();
            Subscription s = inline.subscribe("inline.order", m -> got.add(m.dataAsString()));
            for (int i = 0; i < 500; i++) {
                nc.publish("inline.order", Integer.toString(i));
            }
            s.drain(Duration.ofSeconds(5));
            assertThat(got).hasSize(500);
            assertThat(got.get(499)).isEqualTo("499");
            assertThat(s.isActive()).isFalse();
        }
    }

    @Test
    void withZeroPublishWaitAFullBufferFailsAtOnceInsteadOfBlocking(NatsServer server) {
        Options o = Options.builder().servers(server.url())
            .maxOutboundBytes(64 * 1024).maxPublishWait(Duration.ZERO).build();
        try (Connection nc = Nats.connect(o)) {
            byte[] chunk = new byte[30_000];
            // Keep publishing until the bound is hit; bounded so a broken bound cannot loop forever.
            NatsTimeoutException full = null;
            for (int i = 0; i < 1_000_000 && full == null; i++) {
                try {
                    nc.publish("fill", chunk);
                } catch (NatsTimeoutException e) {
                    full = e;
                }
            }
            assertThat(full).isNotNull().hasMessageContaining("outbound buffer full");
            assertThat(full.isRetriable()).isTrue();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                nc.publish("fill", "room again");
                nc.flush(Duration.ofSeconds(5));
            });
        }
    }
}
