package dev.relay.cli;

import dev.relay.rocketmq.InvalidMessageException;
import dev.relay.rocketmq.NoRouteException;
import dev.relay.rocketmq.RocketMqAuthException;
import dev.relay.rocketmq.RocketMqConnectionException;
import dev.relay.rocketmq.RocketMqException;
import dev.relay.rocketmq.RocketMqTimeoutException;

/** {@link ErrorReporter}'s mapping of RocketMQ failures to exit statuses and hints. Stateless. */
final class RocketMqErrors {
    private RocketMqErrors() {
    }

    /**
     * @param e the failure
     * @param what its first message line
     * @return the failure to report, or {@code null} if it is not a RocketMQ one
     */
    static ErrorReporter.Failure describe(Throwable e, String what) {
        if (!(e instanceof RocketMqException)) {
            return null;
        }
        if (e instanceof RocketMqTimeoutException) {
            return new ErrorReporter.Failure(ExitCodes.TIMEOUT, what + " — is the broker busy? Retry or raise --timeout");
        }
        if (e instanceof RocketMqAuthException) {
            return new ErrorReporter.Failure(ExitCodes.AUTH, what + " — check --ak/--sk and the user's ACL policy");
        }
        if (e instanceof InvalidMessageException) {
            return new ErrorReporter.Failure(ExitCodes.INVALID_ARGUMENT, "invalid argument: " + what);
        }
        if (e instanceof RocketMqConnectionException) {
            return new ErrorReporter.Failure(ExitCodes.GENERAL, what
                + " — is a name server running there? Pass --namesrv HOST:PORT (and --tls/--tlsca for TLS brokers)");
        }
        if (e instanceof NoRouteException) {
            return new ErrorReporter.Failure(ExitCodes.GENERAL, what + " — create it with 'relay rmq topic create TOPIC'");
        }
        return new ErrorReporter.Failure(ExitCodes.GENERAL, what);
    }
}
