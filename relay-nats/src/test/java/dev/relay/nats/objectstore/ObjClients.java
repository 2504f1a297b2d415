package dev.relay.nats.objectstore;

import dev.relay.nats.Connection;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.jetstream.JsClients;
import dev.relay.nats.jetstream.StorageType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;

/** Buckets and content helpers for the Object Store integration tests; connections and names come from {@code JsClients}. */
final class ObjClients {
    private ObjClients() {
    }

    static ObjectStore memoryBucket(Connection nc, String prefix) {
        return ObjectStoreManagement.of(JetStream.of(nc)).create(ObjectStoreConfig.builder(JsClients.unique(prefix))
            .storage(StorageType.MEMORY).build());
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
