package dev.relay.nats.objectstore;

import dev.relay.nats.Durations;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.jetstream.ConsumerConfig;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.OrderedConsumer;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * The content of one object as an {@link InputStream}: chunks come from an ordered consumer on the
 * object's chunk subject, a few at a time ({@value #CHUNKS_AHEAD} at most buffered), and are hashed as
 * they are handed out; after the last recorded chunk the size and digest are compared with the info.
 * Confined to the reading thread.
 */
final class ObjectReader extends InputStream {
    static final int CHUNKS_AHEAD = 4;
    private static final Duration CHUNK_WAIT = Duration.ofSeconds(30);

    private final ObjectInfo info;
    private final OrderedConsumer consumer;
    private final MessageDigest sha256 = ChunkWriter.sha256();
    private final byte[] one = new byte[1];
    private byte[] chunk = new byte[0];
    private int pos;
    private long read;
    private long chunksRead;
    private boolean finished;

    ObjectReader(JetStream js, String stream, ObjectInfo info) {
        this.info = info;
        this.consumer = info.chunks() == 0 ? null : js.orderedConsumer(stream, ConsumerConfig.builder()
            .filterSubject(Names.chunkSubject(info.bucket(), info.nuid())).maxBatch(CHUNKS_AHEAD).build());
    }

    @Override
    public int read() {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (pos == chunk.length) {
            if (!nextChunk()) {
                return -1;
            }
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return chunk.length - pos;
    }

    private boolean nextChunk() {
        if (finished) {
            return false;
        }
        if (chunksRead == info.chunks()) {
            finish();
            return false;
        }
        try {
            chunk = consumer.next(CHUNK_WAIT).data();
        } catch (NatsTimeoutException e) {
            throw new ObjectDigestMismatchException("object '" + info.name() + "': chunk " + (chunksRead + 1) + " of "
                + info.chunks() + " did not arrive within " + Durations.format(CHUNK_WAIT) + " (missing?)", info.chunks() + " chunks",
                chunksRead + " chunks");
        }
        pos = 0;
        chunksRead++;
        read += chunk.length;
        sha256.update(chunk);
        if (read > info.size()) {
            throw sizeMismatch();
        }
        return true;
    }

    private void finish() {
        finished = true;
        close();
        if (read != info.size()) {
            throw sizeMismatch();
        }
        String digest = ChunkWriter.digestText(sha256);
        if (!info.digest().isEmpty() && !digest.equals(info.digest())) {
            throw new ObjectDigestMismatchException("object '" + info.name() + "' in bucket '" + info.bucket()
                + "': the content read has digest " + digest + ", the info records " + info.digest(), info.digest(), digest);
        }
    }

    private ObjectDigestMismatchException sizeMismatch() {
        finished = true;
        close();
        return new ObjectDigestMismatchException("object '" + info.name() + "' in bucket '" + info.bucket() + "': read "
            + read + " bytes so far, the info records " + info.size(), Long.toString(info.size()), Long.toString(read));
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}
