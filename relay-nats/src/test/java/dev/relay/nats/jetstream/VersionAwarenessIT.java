package dev.relay.nats.jetstream;

import static dev.relay.nats.jetstream.JsClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Connection;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import org.junit.jupiter.api.Test;

/**
 * Settings that need nats-server 2.10 are refused by nats-server 2.9 (Debian's 2.9.10, beside the current
 * server the other tests run) before anything is sent, with the field and the version in the exception.
 */
@NatsTest
@NatsServerOptions(jetStream = true, version = "2.9")
class VersionAwarenessIT {

    @Test
    void streamFieldsOf210AreRefusedNamingFieldAndVersion(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            String name = unique("V");
            StreamConfig base = StreamConfig.builder(name).subjects(name).storage(StorageType.MEMORY).build();
            assertRefused(() -> jsm.addStream(base.toBuilder().compression(Compression.S2).build()), "compression");
            assertRefused(() -> jsm.addStream(base.toBuilder().firstSequence(100).build()), "first_seq");
            assertRefused(() -> jsm.addStream(base.toBuilder().metadata("team", "a").build()), "metadata");
            assertRefused(() -> jsm.addStream(base.toBuilder()
                .subjectTransform(new SubjectTransform(name, "x." + name)).build()), "subject_transform");
            assertThat(jsm.streamNames()).doesNotContain(name);
        }
    }

    @Test
    void consumerFieldsOf210AreRefused(NatsServer server) {
        try (Connection nc = JsClients.connect(server)) {
            JetStreamManagement jsm = JetStream.of(nc).management();
            String name = unique("VC");
            jsm.addStream(StreamConfig.builder(name).subjects(name + ".*").storage(StorageType.MEMORY).build());
            assertRefused(() -> jsm.addOrUpdateConsumer(name, ConsumerConfig.builder().durable("d")
                .filterSubjects(name + ".a", name + ".b").build()), "filter_subjects");
            assertRefused(() -> jsm.addOrUpdateConsumer(name, ConsumerConfig.builder().durable("d")
                .metadata("k", "v").build()), "metadata");
            assertThat(jsm.consumerNames(name)).isEmpty();
        }
    }

    private static void assertRefused(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOf(JetStreamUnsupportedException.class)
            .hasMessageContaining(field).hasMessageContaining("2.10.0").hasMessageContaining("2.9.")
            .satisfies(e -> {
                JetStreamUnsupportedException u = (JetStreamUnsupportedException) e;
                assertThat(u.field()).isEqualTo(field);
                assertThat(u.requiredVersion()).isEqualTo("2.10.0");
                assertThat(u.serverVersion()).startsWith("2.9.");
            });
    }
}
