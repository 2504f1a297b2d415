package dev.relay.rocketmq;

import dev.relay.rocketmq.internal.protocol.AclSigner;
import java.util.Objects;

/**
 * Signs every request for a broker with ACL (RocketMQ 4.x ACL 1.0 and 5.x ACL 2.0): adds
 * {@code AccessKey} (and {@code SecurityToken}) and an HMAC-SHA1 {@code Signature} over the sorted
 * ext field values and the body. Register it last so that it signs what other hooks added.
 * Immutable and thread-safe.
 *
 * <p>{@code ClientOptions.builder().nameServers(ns).rpcHook(new AclRpcHook("ak", "sk")).build();}
 */
public final class AclRpcHook implements RpcHook {
    private final String accessKey;
    private final String secretKey;
    private final String securityToken;

    /**
     * @param accessKey the access key (user name in ACL 2.0)
     * @param secretKey the secret key (password in ACL 2.0)
     */
    public AclRpcHook(String accessKey, String secretKey) {
        this(accessKey, secretKey, null);
    }

    /**
     * @param accessKey the access key (user name in ACL 2.0)
     * @param secretKey the secret key (password in ACL 2.0)
     * @param securityToken an optional security token, or {@code null}
     * @throws IllegalArgumentException if a key is empty
     */
    public AclRpcHook(String accessKey, String secretKey, String securityToken) {
        if (Objects.requireNonNull(accessKey, "accessKey").isEmpty()
            || Objects.requireNonNull(secretKey, "secretKey").isEmpty()) {
            throw new IllegalArgumentException("accessKey and secretKey must not be empty");
        }
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.securityToken = securityToken;
    }

    /** @return the access key */
    public String accessKey() {
        return accessKey;
    }

    /** Adds the access key, the token and the signature. */
    @Override
    public void beforeRequest(RpcRequest request) {
        request.extFields().put(AclSigner.ACCESS_KEY, accessKey);
        if (securityToken != null) {
            request.extFields().put(AclSigner.SECURITY_TOKEN, securityToken);
        }
        request.extFields().put(AclSigner.SIGNATURE, AclSigner.sign(request.extFields(), request.body(), secretKey));
    }

    @Override
    public String toString() {
        return "AclRpcHook[accessKey=" + accessKey + "]";
    }
}
