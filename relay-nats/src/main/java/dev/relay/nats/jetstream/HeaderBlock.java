package dev.relay.nats.jetstream;

import dev.relay.nats.Headers;

/**
 * Parses a stored header block ({@code NATS/1.0[ code text]\r\nKey: Value\r\n…\r\n}) as the message-get
 * API returns it, base64-decoded. Lines without a colon are skipped. Stateless.
 */
final class HeaderBlock {
    private HeaderBlock() {
    }

    static Headers parse(String block) {
        Headers h = new Headers();
        String[] lines = block.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                h.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
        }
        return h;
    }
}
