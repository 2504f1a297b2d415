package dev.relay.nats.internal.requestmany;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relay.nats.Headers;
import dev.relay.nats.Message;
import dev.relay.nats.RequestManyEnd;
import dev.relay.nats.RequestManyOptions;
import dev.relay.nats.Subscription;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The end conditions of request-many on a clock the test moves by hand: no sockets, no sleeps. */
class GatherPolicyTest {
    private static final long MS = 1_000_000L;

    @Test
    void theFirstReplyMayTakeTheWholeTotalWaitThenTheStallWaitApplies() {
        GatherPolicy p = new GatherPolicy(0, 1000 * MS, 100 * MS, false, 0);

        assertThat(p.waitNanos(0)).isEqualTo(1000 * MS);
        assertThat(p.waitNanos(500 * MS)).isEqualTo(500 * MS);
        assertThat(p.onReply(reply("a"), 500 * MS)).isEqualTo(GatherPolicy.Step.DELIVER);
        assertThat(p.waitNanos(550 * MS)).isEqualTo(50 * MS);
        assertThat(p.waitNanos(600 * MS)).isZero();
        assertThat(p.timeEnd(600 * MS)).isEqualTo(RequestManyEnd.STALL);
    }

    @Test
    void theTotalWaitWinsWhenItComesBeforeTheStall() {
        GatherPolicy p = new GatherPolicy(0, 1000 * MS, 100 * MS, false, 0);
        p.onReply(reply("a"), 950 * MS);

        assertThat(p.waitNanos(980 * MS)).isEqualTo(20 * MS);
        assertThat(p.timeEnd(1000 * MS)).isEqualTo(RequestManyEnd.TOTAL_WAIT);
    }

    @Test
    void aStallNotShorterThanTheTotalHasNoEffect() {
        GatherPolicy p = new GatherPolicy(0, 100 * MS, 500 * MS, false, 0);
        p.onReply(reply("a"), 10 * MS);

        assertThat(p.waitNanos(10 * MS)).isEqualTo(90 * MS);
    }

    @Test
    void theCountEndsOnTheLastReplyWhichIsStillHandedOut() {
        GatherPolicy p = new GatherPolicy(2, 1000 * MS, 0, false, 0);

        assertThat(p.onReply(reply("a"), 1)).isEqualTo(GatherPolicy.Step.DELIVER);
        assertThat(p.onReply(reply("b"), 2)).isEqualTo(GatherPolicy.Step.DELIVER_LAST);
        assertThat(GatherPolicy.endOf(GatherPolicy.Step.DELIVER_LAST)).isEqualTo(RequestManyEnd.MAX_MESSAGES);
    }

    @Test
    void statusMessagesAreTerminalAndNotCounted() {
        GatherPolicy p = new GatherPolicy(1, 1000 * MS, 0, false, 0);

        assertThat(p.onReply(status(503), 1)).isEqualTo(GatherPolicy.Step.NO_RESPONDERS);
        assertThat(p.onReply(status(408), 1)).isEqualTo(GatherPolicy.Step.STATUS);
        assertThat(p.onReply(reply("still the first"), 2)).isEqualTo(GatherPolicy.Step.DELIVER_LAST);
    }

    @Test
    void theSentinelIsAnEmptyReplyWithoutHeadersAndOnlyWhenAskedFor() {
        GatherPolicy with = new GatherPolicy(0, 1000 * MS, 0, true, 0);
        GatherPolicy without = new GatherPolicy(0, 1000 * MS, 0, false, 0);

        assertThat(with.onReply(reply(""), 1)).isEqualTo(GatherPolicy.Step.SENTINEL);
        assertThat(with.onReply(new FakeMessage(new byte[0], Headers.of("K", "v")), 1)).isEqualTo(GatherPolicy.Step.DELIVER);
        assertThat(without.onReply(reply(""), 1)).isEqualTo(GatherPolicy.Step.DELIVER);
        assertThatThrownBy(() -> GatherPolicy.endOf(GatherPolicy.Step.DELIVER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsRejectNonsenseBeforeAnythingIsSent() {
        assertThatThrownBy(() -> RequestManyOptions.builder().maxMessages(-1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessages");
        assertThatThrownBy(() -> RequestManyOptions.builder().totalWait(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totalWait");
        assertThatThrownBy(() -> RequestManyOptions.builder().stallWait(Duration.ofMillis(-1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stallWait");
        RequestManyOptions o = RequestManyOptions.untilSentinel(Duration.ofSeconds(3));
        assertThat(o.sentinel()).isTrue();
        assertThat(o.totalWait()).contains(Duration.ofSeconds(3));
        assertThat(o.stallWait()).isEmpty();
        assertThat(o.maxMessages()).isZero();
    }

    private static Message reply(String body) {
        return new FakeMessage(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
    }

    private static Message status(int code) {
        return new FakeMessage(new byte[0], new Headers().status(code, ""));
    }

    /** A received message as the policy sees it. */
    private record FakeMessage(byte[] data, Headers headersOrNull) implements Message {
        @Override
        public String subject() {
            return "_INBOX.test";
        }

        @Override
        public Optional<String> replyTo() {
            return Optional.empty();
        }

        @Override
        public Headers headers() {
            return headersOrNull == null ? new Headers() : headersOrNull;
        }

        @Override
        public boolean hasHeaders() {
            return headersOrNull != null;
        }

        @Override
        public Subscription subscription() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void respond(byte[] data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void respond(Headers headers, byte[] data) {
            throw new UnsupportedOperationException();
        }
    }
}
