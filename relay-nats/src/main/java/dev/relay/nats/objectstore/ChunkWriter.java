package dev.relay.nats.objectstore;

import dev.relay.nats.Durations;
import dev.relay.nats.NatsException;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.PublishAck;
import dev.relay.nats.jetstream.PublishOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a stream to its end and publishes it as chunks on one chunk subject, hashing as it goes. At most
 * {@value #MAX_OUTSTANDING} chunks await their ack at once (flow control), so memory stays at a few
 * chunks whatever the size. Used once, by one thread.
 */
final class ChunkWriter {
    /** Chunks published whose ack has not come yet; a new one waits for the oldest. */
    static final int MAX_OUTSTANDING = 8;
    private static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private final JetStream js;
    private final String subject;
    private final int chunkSize;
    private final MessageDigest sha256 = sha256();
    private final ArrayDeque<CompletableFuture<PublishAck>> pending = new ArrayDeque<>();
    private long size;
    private long chunks;

    ChunkWriter(JetStream js, String subject, int chunkSize) {
        this.js = js;
        this.subject = subject;
        this.chunkSize = chunkSize;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** The digest in the form every client writes: {@code SHA-256=} and the padded base64url of the hash. */
    static String digestText(MessageDigest sha) {
        return "SHA-256=" + Base64.getUrlEncoder().encodeToString(sha.digest());
    }

    /** Sends everything; on return every chunk is acknowledged. */
    void writeAll(InputStream in) {
        while (true) {
            byte[] chunk;
            try {
                chunk = in.readNBytes(chunkSize);
            } catch (IOException e) {
                throw new UncheckedIOException("reading the object's content failed after " + size + " bytes", e);
            }
            if (chunk.length == 0) {
                break;
            }
            sha256.update(chunk);
            if (pending.size() >= MAX_OUTSTANDING) {
                await(pending.poll());
            }
            pending.add(js.publishAsync(subject, null, chunk, PublishOptions.NONE));
            size += chunk.length;
            chunks++;
            if (chunk.length < chunkSize) {
                break;
            }
        }
        drain();
    }

    /** Waits for every chunk still awaiting its ack; the first failure is thrown after all are done. */
    void drain() {
        NatsException first = null;
        while (!pending.isEmpty()) {
            try {
                await(pending.poll());
            } catch (NatsException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void await(CompletableFuture<PublishAck> f) {
        try {
            f.get(ACK_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof NatsException n ? n : new NatsException("chunk publish failed", e.getCause());
        } catch (TimeoutException e) {
            throw new NatsTimeoutException("no ack for an object chunk within " + Durations.format(ACK_WAIT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsException("interrupted while waiting for an object chunk's ack", e);
        }
    }

    long size() {
        return size;
    }

    long chunks() {
        return chunks;
    }

    String digest() {
        return digestText(sha256);
    }
}
