package dev.relay.nats.kv;

import dev.relay.nats.jetstream.StorageType;

/** Small buckets for the Key-Value integration tests; connections and names come from {@code JsClients}. */
final class KvClients {
    private KvClients() {
    }

    static KeyValueConfig.Builder memoryBucket(String name) {
        return KeyValueConfig.builder(name).storage(StorageType.MEMORY);
    }
}
