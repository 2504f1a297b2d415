package dev.relay.rocketmq.internal.client;

import dev.relay.rocketmq.NoRouteException;
import dev.relay.rocketmq.RocketMqAuthException;
import dev.relay.rocketmq.RocketMqBrokerException;
import dev.relay.rocketmq.RocketMqException;
import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import dev.relay.rocketmq.internal.protocol.RequestCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one place that maps response codes and transport failures to public exceptions. Stateless. */
final class ResponseErrors {
    private ResponseErrors() {
    }

    /**
     * @param response an error response
     * @param context what was asked of whom, for the message
     * @return the exception to throw
     */
    static RocketMqException of(RemotingCommand response, String context) {
        int code = response.code();
        String remark = response.remark();
        if (code == RequestCode.NO_PERMISSION || (code == RequestCode.SYSTEM_ERROR && remark != null
            && remark.contains("AclException"))) {
            return new RocketMqAuthException(code, remark, context);
        }
        return new RocketMqBrokerException(code, remark, context);
    }

    /**
     * @param response a response
     * @param context what was asked of whom
     * @return the response if its code is SUCCESS
     * @throws RocketMqException otherwise
     */
    static RemotingCommand requireSuccess(RemotingCommand response, String context) {
        if (response.code() != RequestCode.SUCCESS) {
            throw of(response, context);
        }
        return response;
    }

    /**
     * @param topic the topic without a route
     * @return the exception
     */
    static NoRouteException noRoute(String topic) {
        return new NoRouteException("no route for topic '" + topic + "' on any name server"
            + " (it does not exist and the broker does not auto-create topics)");
    }

    /**
     * Unwraps what a future or a join threw into the client's own exception.
     *
     * @param t the throwable
     * @return the RocketMQ exception inside, or a wrapper
     */
    static RocketMqException unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof RocketMqException r) {
            return r;
        }
        if (c instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new RocketMqException("interrupted", c);
        }
        return new RocketMqException(c.toString(), c);
    }
}
