package dev.relay.nats.internal.connection;

import dev.relay.nats.ConnectionClosedException;
import dev.relay.nats.NatsException;
import dev.relay.nats.NatsTimeoutException;
import dev.relay.nats.NoRespondersException;
import dev.relay.nats.Durations;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting on the connection's futures the way the blocking API promises: limits on a {@link Clock},
 * failures rethrown as the same Relay exception with the caller's stack, durations written as people
 * write them. Stateless; thread-safe.
 */
final class Futures {
    private Futures() {
    }

    /**
     * Refuses a blocking call on an I/O thread, where it would stall every connection the thread serves
     * and wait for what only that thread can deliver (a reply, a PONG): the caller is a future's callback
     * that Relay completed there, or an inline handler. Fails at once, naming the form that does not block.
     *
     * @param call the blocking call, e.g. {@code "request()"}
     * @param instead what to use instead, e.g. {@code "requestAsync(…)"}
     * @throws IllegalStateException on an I/O thread
     */
    static void refuseOnIoThread(String call, String instead) {
        if (dev.relay.nats.internal.transport.EventLoops.onIoThread() || Timers.onTimerThread()) {
            throw new IllegalStateException(call + " was called on " + Thread.currentThread().getName()
                + ", a Relay I/O or timer thread (in a callback of a future Relay completed there, or an inline "
                + "handler), where waiting would stall every connection's I/O or timeouts and could never see its "
                + "own answer; use " + instead + " there, or move the work to another thread with the …Async "
                + "stage methods");
        }
    }

    /**
     * A future that fails with a {@link NatsTimeoutException} when {@code f} has not completed within
     * {@code nanos} on this connection's clock, else completes as {@code f} did.
     */
    static CompletableFuture<Void> withTimeout(Clock clock, CompletableFuture<Void> f, long nanos, String what) {
        CompletableFuture<Void> r = new CompletableFuture<>();
        Runnable cancel = clock.schedule(() -> r.completeExceptionally(
            new NatsTimeoutException(what + " did not finish within " + Durations.formatNanos(nanos))), nanos);
        f.whenComplete((v, e) -> {
            cancel.run();
            if (e != null) {
                r.completeExceptionally(unwrap(e));
            } else {
                r.complete(null);
            }
        });
        return r;
    }

    static Throwable unwrap(Throwable e) {
        while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * Waits for a future whose own timeout (see {@link #withTimeout}) makes it fail in time; the extra
     * second only guards against a stalled timer. Rethrows its failure with the caller's stack.
     */
    static void await(CompletableFuture<Void> f, long nanos, String what) {
        try {
            f.get(nanos + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new NatsTimeoutException(what + " did not finish within " + Durations.formatNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionClosedException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw rethrow(unwrap(e.getCause()));
        }
    }

    /** Rethrows a future's failure as a fresh exception of the same kind, with this thread's stack. */
    static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof NatsTimeoutException) {
            return new NatsTimeoutException(cause.getMessage(), cause);
        }
        if (cause instanceof NoRespondersException) {
            return new NoRespondersException(cause.getMessage(), cause);
        }
        if (cause instanceof ConnectionClosedException) {
            return new ConnectionClosedException(cause.getMessage(), cause);
        }
        if (cause instanceof RuntimeException re) {
            return re;
        }
        return new NatsException(String.valueOf(cause), cause);
    }
}
