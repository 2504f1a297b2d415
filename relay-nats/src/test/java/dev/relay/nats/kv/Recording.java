package dev.relay.nats.kv;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A watch handler that records what it is given, for assertions from the test thread. Thread-safe. */
final class Recording implements KeyValueWatchHandler {
    final List<KeyValueEntry> entries = new CopyOnWriteArrayList<>();
    final CountDownLatch initialDone = new CountDownLatch(1);
    /** How many entries had arrived when the initial values were reported done. */
    volatile int entriesAtDone = -1;

    @Override
    public void onEntry(KeyValueEntry entry) {
        entries.add(entry);
    }

    @Override
    public void onInitialValuesDone() {
        entriesAtDone = entries.size();
        initialDone.countDown();
    }

    List<String> values() {
        return entries.stream().map(KeyValueEntry::valueAsString).toList();
    }
}
