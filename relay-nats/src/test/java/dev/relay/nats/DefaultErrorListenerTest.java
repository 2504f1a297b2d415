package dev.relay.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * What the default error listener writes to the log: a protocol error is one WARN line that names the
 * bad bytes (its stack says nothing a user can act on), with the stack at DEBUG for whoever debugs the
 * client; a handler that threw keeps its stack at WARN, since that stack is the user's own code.
 */
class DefaultErrorListenerTest {

    /** One call on the logger. */
    record Line(Level level, String text, Throwable thrown) {
    }

    /** A logger that keeps what it is told, DEBUG on or off. */
    static final class RecordingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        final List<Line> lines = new CopyOnWriteArrayList<>();
        private final boolean debug;

        RecordingLogger(boolean debug) {
            this.debug = debug;
            this.name = "recording";
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                                   Throwable thrown) {
            lines.add(new Line(level, MessageFormatter.basicArrayFormat(pattern, args), thrown));
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return debug;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }

    private static final ProtocolException BAD_SIZE =
        new ProtocolException("size has too many digits", 96, "MSG foo 1 99999999999");

    @Test
    void aProtocolErrorIsOneWarnLineWithoutAStackWhenDebugIsOff() {
        RecordingLogger log = new RecordingLogger(false);
        new DefaultErrorListener(log).onException(null, BAD_SIZE);
        assertThat(log.lines).hasSize(1);
        Line warn = log.lines.get(0);
        assertThat(warn.level()).isEqualTo(Level.WARN);
        assertThat(warn.thrown()).isNull();
        assertThat(warn.text()).contains("protocol error", "offset 96", "MSG foo 1 99999999999")
            .doesNotContain("ProtocolException");
    }

    @Test
    void aProtocolErrorKeepsItsStackAtDebug() {
        RecordingLogger log = new RecordingLogger(true);
        new DefaultErrorListener(log).onException(null, BAD_SIZE);
        assertThat(log.lines).extracting(Line::level).containsExactly(Level.WARN, Level.DEBUG);
        assertThat(log.lines.get(0).thrown()).isNull();
        assertThat(log.lines.get(1).thrown()).isSameAs(BAD_SIZE);
    }

    @Test
    void aHandlerThatThrewKeepsItsStackAtWarn() {
        RecordingLogger log = new RecordingLogger(false);
        NatsException handler = new NatsException("message handler of 'orders' threw", new IllegalStateException("bug"));
        new DefaultErrorListener(log).onException(null, handler);
        assertThat(log.lines).hasSize(1);
        assertThat(log.lines.get(0).level()).isEqualTo(Level.WARN);
        assertThat(log.lines.get(0).thrown()).isSameAs(handler);
    }

    @Test
    void theOptionsDefaultIsThisListener() {
        assertThat(Options.builder().build().errorListener()).isInstanceOf(DefaultErrorListener.class);
    }
}
