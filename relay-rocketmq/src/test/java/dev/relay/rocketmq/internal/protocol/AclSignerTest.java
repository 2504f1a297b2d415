package dev.relay.rocketmq.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AclSignerTest {

    @Test
    void signsSortedValuesThenBodyWithHmacSha1() {
        // Expected value computed independently (Python hmac) over "rocketmq2" + "0" + "T" + "body".
        Map<String, String> ext = new LinkedHashMap<>();
        ext.put("topic", "T");
        ext.put("queueId", "0");
        ext.put("AccessKey", "rocketmq2");
        ext.put("Signature", "ignored");
        assertThat(AclSigner.sign(ext, "body".getBytes(StandardCharsets.UTF_8), "12345678"))
            .isEqualTo("30On15NG+ak+AM2E+q89aC6dUl0=");
    }
}
