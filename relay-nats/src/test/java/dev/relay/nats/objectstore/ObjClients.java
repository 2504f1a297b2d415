package dev.relay.nats.objectstore;

import dev.relay.nats.Connection;
import dev.relay.nats.Nats;
import dev.relay.nats.Options;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.StorageType;
import dev.relay.testkit.NatsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** Connections, buckets and content helpers for the Object Store integration tests. */
final class ObjClients {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private ObjClients() {
    }

    static Connection connect(NatsServer server) {
        return Nats.connect(Options.builder().servers(server.url()).connectTimeout(WAIT).build());
    }

    static ObjectStore memoryBucket(Connection nc, String prefix) {
        return ObjectStoreManagement.of(JetStream.of(nc)).create(ObjectStoreConfig.builder(prefix + COUNTER.incrementAndGet())
            .storage(StorageType.MEMORY).build());
    }

    static String unique(String prefix) {
        return prefix + COUNTER.incrementAndGet();
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The digest text computed independently of the code under test. */
    static String digestOf(byte[] data) throws Exception {
        return "SHA-256=" + Base64.getUrlEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
