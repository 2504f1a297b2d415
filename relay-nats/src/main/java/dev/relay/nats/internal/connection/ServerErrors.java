package dev.relay.nats.internal.connection;

import dev.relay.nats.AuthenticationException;
import dev.relay.nats.AuthorizationException;
import dev.relay.nats.ServerErrorException;
import java.util.Locale;

/**
 * The one place that maps a server's {@code -ERR} text to an exception type. The texts are those of
 * nats-server 2.x ("Authorization Violation", "Permissions Violation for Publish to …", "Maximum
 * Payload Violation", "Stale Connection", …). Stateless.
 */
final class ServerErrors {
    private ServerErrors() {
    }

    static ServerErrorException map(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.startsWith("authorization violation") || t.startsWith("authentication timeout")
                || t.contains("authentication expired") || t.contains("authentication revoked")
                || t.startsWith("user authentication")) {
            return new AuthenticationException(text);
        }
        if (t.startsWith("permissions violation")) {
            return new AuthorizationException(text);
        }
        return new ServerErrorException(text);
    }

    /**
     * The subject a permissions error names: nats-server 2.x writes
     * {@code Permissions Violation for Publish to "subject"} and
     * {@code Permissions Violation for Subscription to "subject"} (optionally {@code using queue "q"}).
     *
     * @param text the server's text
     * @return the first double-quoted part, or null
     */
    static String quotedSubject(String text) {
        int a = text.indexOf('"');
        int b = a < 0 ? -1 : text.indexOf('"', a + 1);
        return b < 0 ? null : text.substring(a + 1, b);
    }
}
