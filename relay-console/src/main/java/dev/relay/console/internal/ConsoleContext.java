package dev.relay.console.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every HTTP channel of one console shares: the API, the monitor, the page's files, the access
 * guard and the count of open message sockets. Thread-safe (its parts are).
 *
 * @param api the NATS API
 * @param monitor the monitoring client, when {@code --monitor} was given
 * @param files the page's files
 * @param guard the token and Origin checks
 * @param maxSockets how many message sockets may be open at once
 * @param openSockets how many are open
 */
record ConsoleContext(NatsApi api, Optional<MonitorClient> monitor, StaticFiles files, AccessGuard guard,
        int maxSockets, AtomicInteger openSockets) {
}
