package dev.relay.nats.jetstream;

import static dev.relay.nats.jetstream.JsClients.bytes;
import static dev.relay.nats.jetstream.JsClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Connection;
import dev.relay.nats.Headers;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Stream management against a real nats-server 2.9 with JetStream. */
@NatsTest
@NatsServerOptions(jetStream = true)
class StreamManagementIT {

    @Test
    void accountInfoCountsStreamsAndReportsLimits(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            long before = jsm.accountInfo().streams();
            jsm.addStream(StreamConfig.builder(unique("ACC")).storage(StorageType.MEMORY).build());
            AccountInfo info = jsm.accountInfo();
            assertThat(info.streams()).isEqualTo(before + 1);
            assertThat(info.limits().maxStreams()).isEqualTo(-1);
            assertThat(info.api().total()).isPositive();
        }
    }

    @Test
    void addStoresEveryConfiguredFieldAndInfoReadsItBack(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            String name = unique("CFG");
            StreamConfig cfg = StreamConfig.builder(name).description("all fields").subjects(name + ".a", name + ".b.>")
                .retention(RetentionPolicy.LIMITS).maxConsumers(10).maxMessages(1000).maxBytes(1 << 20)
                .maxAge(Duration.ofHours(1)).maxMessagesPerSubject(5).maxMessageSize(4096).discard(DiscardPolicy.NEW)
                .discardNewPerSubject(true).storage(StorageType.FILE).duplicateWindow(Duration.ofSeconds(30))
                .denyDelete(false).denyPurge(false).allowRollup(true).allowDirect(true)
                .republish(new Republish(name + ".a", "copy." + name, true)).build();

            StreamInfo created = jsm.addStream(cfg);

            // nats-server 2.11+ adds its own metadata keys (ADR-44); every other field reads back as sent
            assertThat(created.config()).usingRecursiveComparison().ignoringFields("metadata").isEqualTo(cfg);
            assertThat(JsClients.userMetadata(created.config().metadata())).isEqualTo(cfg.metadata());
            assertThat(created.config().metadata()).containsEntry("_nats.ver", server.version());
            assertThat(jsm.streamInfo(name).config()).isEqualTo(created.config());
            assertThat(created.created()).isAfter(java.time.Instant.EPOCH);
            assertThat(created.state().messages()).isZero();
        }
    }

    @Test
    void aConfigCopiedFromAnotherServerWithItsOwnMetadataKeysCanBeAddedHere(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            String name = unique("COPY");
            // as `relay stream info --json` prints a stream of a newer server: with that server's _nats.* keys
            StreamConfig copied = StreamConfig.builder(name).subjects(name).storage(StorageType.MEMORY)
                .metadata("team", "a").metadata("_nats.ver", "2.99.0").metadata("_nats.req.level", "0").build();
            StreamInfo info = jsm.addStream(copied);
            assertThat(info.config().metadata()).containsEntry("team", "a").containsEntry("_nats.ver", server.version());
            ConsumerConfig consumer = ConsumerConfig.builder().durable("d").metadata("_nats.ver", "2.99.0").build();
            assertThat(jsm.addOrUpdateConsumer(name, consumer).config().metadata())
                .containsEntry("_nats.ver", server.version());
        }
    }

    @Test
    void addingTheSameStreamTwiceIsFineButAnotherConfigIsNameInUse(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            String name = unique("DUP");
            StreamConfig cfg = StreamConfig.builder(name).subjects(name).storage(StorageType.MEMORY).build();
            jsm.addStream(cfg);
            jsm.addStream(cfg);
            assertThatThrownBy(() -> jsm.addStream(cfg.toBuilder().maxMessages(5).build()))
                .isInstanceOf(StreamNameInUseException.class)
                .satisfies(e -> assertThat(((JetStreamApiException) e).apiErrorCode()).isEqualTo(10058));
        }
    }

    @Test
    void updateChangesLimitsAndMissingStreamsAreTyped(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            String name = unique("UPD");
            StreamConfig cfg = StreamConfig.builder(name).subjects(name).storage(StorageType.MEMORY).build();
            jsm.addStream(cfg);
            StreamInfo updated = jsm.updateStream(cfg.toBuilder().maxMessages(3).description("now 3").build());
            assertThat(updated.config().maxMessages()).isEqualTo(3);
            assertThat(updated.config().description()).isEqualTo("now 3");

            assertThatThrownBy(() -> jsm.streamInfo("NOPE")).isInstanceOf(StreamNotFoundException.class)
                .satisfies(e -> {
                    JetStreamApiException api = (JetStreamApiException) e;
                    assertThat(api.status()).isEqualTo(404);
                    assertThat(api.apiErrorCode()).isEqualTo(JetStreamApiException.STREAM_NOT_FOUND);
                    assertThat(api.description()).contains("stream not found");
                });
            assertThatThrownBy(() -> jsm.updateStream(StreamConfig.builder("NOPE").build()))
                .isInstanceOf(StreamNotFoundException.class);
            assertThatThrownBy(() -> jsm.deleteStream("NOPE")).isInstanceOf(StreamNotFoundException.class);
        }
    }

    @Test
    void namesAndListFollowPagesAndFilterBySubject(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            String prefix = unique("PG");
            // More than the server's page size of 256 names (and 256 infos) so paging is exercised.
            List<String> names = IntStream.range(0, 260).mapToObj(i -> prefix + "_" + i).toList();
            names.forEach(n -> jsm.addStream(StreamConfig.builder(n).subjects("pg." + n + ".*")
                .storage(StorageType.MEMORY).build()));

            assertThat(jsm.streamNames()).containsAll(names);
            assertThat(jsm.streams().stream().map(i -> i.config().name()).toList()).containsAll(names);
            assertThat(jsm.streamNames("pg." + prefix + "_7.x")).containsExactly(prefix + "_7");
            assertThat(jsm.streams("pg." + prefix + "_8.*")).singleElement()
                .satisfies(i -> assertThat(i.config().name()).isEqualTo(prefix + "_8"));
            names.forEach(jsm::deleteStream);
            assertThat(jsm.streamNames()).doesNotContainAnyElementsOf(names);
        }
    }

    @Test
    void infoWithSubjectsFilterCountsMessagesPerSubject(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            String name = unique("SUBJ");
            js.management().addStream(StreamConfig.builder(name).subjects(name + ".>").storage(StorageType.MEMORY).build());
            js.publish(name + ".a", bytes("1"));
            js.publish(name + ".a", bytes("2"));
            js.publish(name + ".b", bytes("3"));

            StreamInfo info = js.management().streamInfo(name, name + ".>");

            assertThat(info.state().subjects()).containsOnly(
                java.util.Map.entry(name + ".a", 2L), java.util.Map.entry(name + ".b", 1L));
            assertThat(info.state().messages()).isEqualTo(3);
            assertThat(info.state().lastSequence()).isEqualTo(3);
            assertThat(js.management().streamInfo(name).state().subjects()).isEmpty();
        }
    }

    @Test
    void purgeAllBySubjectKeepingAndUpToSequence(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            JetStreamManagement jsm = js.management();
            String name = unique("PUR");
            jsm.addStream(StreamConfig.builder(name).subjects(name + ".*").storage(StorageType.MEMORY).build());
            for (int i = 0; i < 5; i++) {
                js.publish(name + ".a", bytes("a" + i));
                js.publish(name + ".b", bytes("b" + i));
            }
            assertThat(jsm.purgeStream(name, PurgeOptions.subject(name + ".a").keep(2))).isEqualTo(3);
            assertThat(jsm.getLastMessage(name, name + ".a").dataAsString()).isEqualTo("a4");
            assertThat(jsm.streamInfo(name, name + ".a").state().subjects()).containsEntry(name + ".a", 2L);

            // Below sequence 6: b0, b1 (seq 2, 4) go; a3 (seq 7) and later stay.
            assertThat(jsm.purgeStream(name, PurgeOptions.subject(name + ".b").upToSequence(6))).isEqualTo(2);
            assertThat(jsm.streamInfo(name).state().messages()).isEqualTo(5);

            assertThat(jsm.purgeStream(name)).isEqualTo(5);
            assertThat(jsm.streamInfo(name).state().messages()).isZero();
        }
    }

    @Test
    void getByEquenceLastBySubjectNextBySubjectAndDirectGet(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            JetStreamManagement jsm = js.management();
            String name = unique("GET");
            jsm.addStream(StreamConfig.builder(name).subjects(name + ".*").allowDirect(true)
                .storage(StorageType.MEMORY).build());
            js.publish(name + ".a", Headers.of("K", "v1"), bytes("first"), PublishOptions.NONE);
            js.publish(name + ".b", bytes("second"));
            js.publish(name + ".a", Headers.of("K", "v3"), bytes("third"), PublishOptions.NONE);

            StoredMessage one = jsm.getMessage(name, 1);
            assertThat(one.subject()).isEqualTo(name + ".a");
            assertThat(one.sequence()).isEqualTo(1);
            assertThat(one.headers().first("K")).contains("v1");
            assertThat(one.dataAsString()).isEqualTo("first");
            assertThat(one.time()).isAfter(java.time.Instant.EPOCH);

            assertThat(jsm.getLastMessage(name, name + ".a").sequence()).isEqualTo(3);
            assertThat(jsm.getNextMessage(name, 2, name + ".a").dataAsString()).isEqualTo("third");

            StoredMessage direct = jsm.getLastMessageDirect(name, name + ".a");
            assertThat(direct.sequence()).isEqualTo(3);
            assertThat(direct.subject()).isEqualTo(name + ".a");
            assertThat(direct.headers().first("K")).contains("v3");
            assertThat(direct.dataAsString()).isEqualTo("third");
            assertThat(direct.time()).isEqualTo(jsm.getMessage(name, 3).time());
            assertThat(jsm.getMessageDirect(name, 2).dataAsString()).isEqualTo("second");

            assertThatThrownBy(() -> jsm.getMessage(name, 99)).isInstanceOf(MessageNotFoundException.class);
            assertThatThrownBy(() -> jsm.getLastMessage(name, name + ".zzz")).isInstanceOf(MessageNotFoundException.class);
            assertThatThrownBy(() -> jsm.getMessageDirect(name, 99)).isInstanceOf(MessageNotFoundException.class);
            assertThatThrownBy(() -> jsm.getLastMessageDirect(name, name + ".zzz"))
                .isInstanceOf(MessageNotFoundException.class);
        }
    }

    @Test
    void deleteMessageWithAndWithoutErase(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStream js = JetStream.of(nc);
            JetStreamManagement jsm = js.management();
            String name = unique("DEL");
            jsm.addStream(StreamConfig.builder(name).subjects(name).build());
            for (int i = 0; i < 3; i++) {
                js.publish(name, bytes("m" + i));
            }
            jsm.deleteMessage(name, 2);
            jsm.deleteMessage(name, 3, false);
            assertThatThrownBy(() -> jsm.getMessage(name, 2)).isInstanceOf(MessageNotFoundException.class);
            assertThatThrownBy(() -> jsm.getMessage(name, 3)).isInstanceOf(MessageNotFoundException.class);
            assertThatThrownBy(() -> jsm.deleteMessage(name, 2)).isInstanceOf(JetStreamApiException.class);
            assertThat(jsm.streamInfo(name).state().messages()).isEqualTo(1);
        }
    }

    @Test
    void badNamesFailBeforeAnythingIsSent(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            assertThatThrownBy(() -> jsm.streamInfo("a.b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stream");
            assertThatThrownBy(() -> StreamConfig.builder("has space").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
            assertThatThrownBy(() -> jsm.getMessage("S", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence");
        }
    }
}
