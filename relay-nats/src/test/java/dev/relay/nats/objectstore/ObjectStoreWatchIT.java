package dev.relay.nats.objectstore;

import static dev.relay.nats.jetstream.JsClients.WAIT;
import static dev.relay.nats.objectstore.ObjClients.memoryBucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relay.nats.Connection;
import dev.relay.nats.jetstream.JsClients;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Object store watches: initial infos, the end-of-initial marker, changes, deletes and options. */
@NatsTest
@NatsServerOptions(jetStream = true)
class ObjectStoreWatchIT {

    /** Records infos and the marker. */
    private static final class Rec implements ObjectWatchHandler {
        final List<ObjectInfo> infos = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile int atDone = -1;

        @Override
        public void onInfo(ObjectInfo info) {
            infos.add(info);
        }

        @Override
        public void onInitialValuesDone() {
            atDone = infos.size();
            done.countDown();
        }
    }

    @Test
    void initialInfosThenMarkerThenChanges(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            ObjectStore os = memoryBucket(nc, "watch");
            os.put("a", new byte[] {1});
            os.put("a", new byte[] {2});
            os.put("b", new byte[] {3});
            Rec r = new Rec();
            try (ObjectWatcher w = os.watch(ObjectWatchOptions.DEFAULTS, r)) {
                assertThat(r.done.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                assertThat(r.atDone).isEqualTo(2);
                assertThat(w.isInitialValuesDone()).isTrue();
                os.delete("b");
                // each meta is a subject rollup, and nats-server 2.9.10 moves a wider consumer to the
                // rollup's sequence, past metas it had not delivered yet: one change at a time here, so
                // the test also passes on 2.9.10 (the current server is fixed: PurgeMovesWiderConsumersIT)
                await().atMost(WAIT).until(() -> r.infos.size() == 3);
                os.put("c", new byte[] {4});
                await().atMost(WAIT).until(() -> r.infos.size() == 4);
                assertThat(r.infos.get(2).deleted()).isTrue();
                assertThat(r.infos.get(3).name()).isEqualTo("c");
            }
        }
    }

    @Test
    void optionsHistoryUpdatesOnlyAndIgnoreDeletes(NatsServer server) throws Exception {
        try (Connection nc = JsClients.connect(server)) {
            ObjectStore os = memoryBucket(nc, "watchopts");
            Rec empty = new Rec();
            try (ObjectWatcher w = os.watch(ObjectWatchOptions.DEFAULTS, empty)) {
                assertThat(empty.done.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            }
            os.put("a", new byte[] {1});
            os.put("a", new byte[] {2});
            Rec history = new Rec();
            try (ObjectWatcher w = os.watch(ObjectWatchOptions.DEFAULTS.withIncludeHistory(), history)) {
                assertThat(history.done.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                // every meta is written with a subject rollup, so the history holds one meta per object
                assertThat(history.infos).hasSize(1);
                assertThat(history.infos.get(0).size()).isEqualTo(1);
            }
            Rec updates = new Rec();
            try (ObjectWatcher w = os.watch(ObjectWatchOptions.DEFAULTS.withUpdatesOnly().withIgnoreDeletes(), updates)) {
                assertThat(updates.done.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                os.delete("a");
                os.put("z", new byte[] {9});
                await().atMost(WAIT).until(() -> updates.infos.size() == 1);
                assertThat(updates.infos.get(0).name()).isEqualTo("z");
            }
        }
    }
}
