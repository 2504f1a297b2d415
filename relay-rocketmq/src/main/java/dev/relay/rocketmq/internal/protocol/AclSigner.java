package dev.relay.rocketmq.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ACL request signature (PROTOCOL.md §11): HMAC-SHA1 over the values of all ext fields but
 * {@code Signature}, sorted by key, then the body; Base64 with padding. Pure; thread-safe.
 */
public final class AclSigner {
    /** Ext field carrying the access key. */
    public static final String ACCESS_KEY = "AccessKey";
    /** Ext field carrying the signature. */
    public static final String SIGNATURE = "Signature";
    /** Ext field carrying the optional security token. */
    public static final String SECURITY_TOKEN = "SecurityToken";

    private AclSigner() {
    }

    /**
     * @param extFields the fields that will be sent (AccessKey included); {@code Signature} is ignored
     * @param body the body
     * @param secretKey the secret key
     * @return the Base64 signature
     */
    public static String sign(Map<String, String> extFields, byte[] body, String secretKey) {
        TreeMap<String, String> sorted = new TreeMap<>(extFields);
        sorted.remove(SIGNATURE);
        StringBuilder content = new StringBuilder();
        sorted.values().forEach(content::append);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            mac.update(content.toString().getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
