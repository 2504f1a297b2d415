package dev.relay.cli.bench;

import dev.relay.nats.Connection;

/**
 * Opens a connection for a benchmark, with whatever options the caller chose (the CLI passes its
 * global server and credential options). Called a few times per run, never per message.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Connector {

    /**
     * Connects, blocking until the handshake is done.
     *
     * @return an open connection; the workload closes it
     */
    Connection connect();
}
