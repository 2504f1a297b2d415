package dev.relay.rocketmq.internal.remoting;

import dev.relay.rocketmq.ClientOptions;
import dev.relay.rocketmq.RpcHook;
import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import dev.relay.rocketmq.internal.protocol.SerializeType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What a {@link RemotingClient} needs: connect timeout, TLS, hooks, header format and who answers
 * server-initiated requests. Immutable.
 *
 * @param connectTimeout TCP connect timeout
 * @param useTls whether to wrap connections in TLS
 * @param tlsTrustCertificate PEM CA or {@code null}
 * @param tlsTrustAll whether to skip server verification
 * @param hooks RPC hooks in call order
 * @param serializeType header format of outgoing frames
 * @param processor answers server requests
 * @param processorExecutor runs {@code processor} off the I/O thread
 */
public record RemotingConfig(Duration connectTimeout, boolean useTls, Path tlsTrustCertificate, boolean tlsTrustAll,
                             List<RpcHook> hooks, SerializeType serializeType, RequestProcessor processor,
                             Executor processorExecutor) {

    /** Rejects every request that expects an answer; ignores oneway ones. */
    public static final RequestProcessor UNSUPPORTED = (address, request) -> request.isOneway() ? null
        : RemotingCommand.responseTo(request, 3, "request code " + request.code() + " not supported by this client");

    /**
     * @param options the public options
     * @param processor answers server requests
     * @param executor runs the processor
     * @return the config with JSON headers
     */
    public static RemotingConfig from(ClientOptions options, RequestProcessor processor, Executor executor) {
        return new RemotingConfig(options.requestTimeout(), options.useTls(), options.tlsTrustCertificate(),
            options.tlsTrustAll(), options.rpcHooks(), SerializeType.JSON, processor, executor);
    }
}
