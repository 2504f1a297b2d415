package dev.relay.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.testkit.NatsServer;
import java.nio.charset.StandardCharsets;

/**
 * Proves that nothing reached the server: a second connection subscribed to {@code >} must see only
 * a marker that the checked connection publishes afterwards. A connection's messages reach the server
 * in order, so anything the checked connection wrote before the marker would be seen first; a frame the
 * server rejects would close the connection and the marker would never come. Used from one test thread.
 */
final class WireProbe implements AutoCloseable {
    private final Connection probe;
    private final Subscription everything;

    private WireProbe(Connection probe) {
        this.probe = probe;
        this.everything = probe.subscribe(">");
        probe.flush(Clients.WAIT);
    }

    /**
     * Connects the probe and subscribes it to every subject.
     *
     * @param server the server to watch
     * @return the probe; close it when done
     */
    static WireProbe watch(NatsServer server) {
        return new WireProbe(Clients.connect(server));
    }

    /**
     * Publishes a marker on {@code checked}, flushes it, and asserts the marker is the first thing the
     * probe sees; also proves {@code checked} still works.
     *
     * @param checked the connection that must have written nothing since the probe started
     */
    void assertNothingReachedTheServerFrom(Connection checked) {
        String marker = "probe.marker." + Nats.newInbox().substring("_INBOX.".length());
        checked.publish(marker, "marker");
        checked.flush(Clients.WAIT);
        Message first = everything.nextMessage(Clients.WAIT);
        assertThat(first.subject()).as("first message the server routed after the failed call").isEqualTo(marker);
        assertThat(new String(first.data(), StandardCharsets.UTF_8)).isEqualTo("marker");
    }

    @Override
    public void close() {
        probe.close();
    }
}
