package dev.relay.rocketmq.internal.remoting;

import dev.relay.rocketmq.RpcHook;
import dev.relay.rocketmq.internal.protocol.RemotingCommand;
import java.util.Collections;
import java.util.Map;

/** The public {@link RpcHook} views of internal commands. Each view is confined to its caller. */
final class HookViews {
    private HookViews() {
    }

    /** A request seen by hooks; its ext fields are the command's own (mutable) map. */
    record Request(String address, RemotingCommand command) implements RpcHook.RpcRequest {
        @Override
        public int code() {
            return command.code();
        }

        @Override
        public Map<String, String> extFields() {
            return command.extFields();
        }

        @Override
        public byte[] body() {
            return command.body();
        }
    }

    /** A response seen by hooks; read-only. */
    record Response(RemotingCommand command) implements RpcHook.RpcResponse {
        @Override
        public int code() {
            return command.code();
        }

        @Override
        public String remark() {
            return command.remark();
        }

        @Override
        public Map<String, String> extFields() {
            return Collections.unmodifiableMap(command.extFields());
        }
    }
}
