package dev.relay.rocketmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageTest {
    @Test
    void buildsAnImmutableMessage() {
        byte[] body = {1, 2};
        Message m = Message.builder("T").body(body).tags("t").keys("a", "b").property("p", "v").delayLevel(3).build();
        body[0] = 9;
        assertThat(m.body()).containsExactly(1, 2);
        assertThat(m.keys()).containsExactly("a", "b");
        assertThat(m.toBuilder().tags("u").build().tags()).isEqualTo("u");
        assertThat(m.waitStoreMsgOk()).isTrue();
    }

    @Test
    void rejectsBadInputNamingTheRule() {
        assertThatThrownBy(() -> Message.builder("bad topic").body("x").build())
            .isInstanceOf(InvalidMessageException.class).hasMessageContaining("topic 'bad topic'");
        assertThatThrownBy(() -> Message.builder("T".repeat(128)).body("x").build()).hasMessageContaining("127");
        assertThatThrownBy(() -> Message.builder("T").build()).hasMessageContaining("body must not be empty");
        assertThatThrownBy(() -> Message.builder("T").body(new byte[Message.MAX_BODY_BYTES + 1]).build())
            .hasMessageContaining("larger");
        assertThatThrownBy(() -> Message.builder("T").body("x").keys("a b").build()).hasMessageContaining("key 'a b'");
        assertThatThrownBy(() -> Message.builder("T").body("x").tags(" ").build()).hasMessageContaining("tags");
        assertThatThrownBy(() -> Message.builder("T").body("x").property("UNIQ_KEY", "x").build())
            .hasMessageContaining("reserved");
        assertThatThrownBy(() -> Message.builder("T").body("x").delayLevel(19).build()).hasMessageContaining("delayLevel 19");
    }

    @Test
    void optionsValidateTheirValues() {
        assertThatThrownBy(() -> ClientOptions.builder().build()).hasMessageContaining("name server");
        assertThatThrownBy(() -> ClientOptions.builder().nameServers("nohost")).hasMessageContaining("host:port");
        assertThat(ClientOptions.builder().nameServers("a:1;b:2").build().nameServers()).containsExactly("a:1", "b:2");
        ClientOptions o = ClientOptions.builder().nameServers("a:1").rpcHook(new RpcHook() { })
            .credentials("ak", "sk").build();
        assertThat(o.rpcHooks()).hasSize(2).last().isInstanceOf(AclRpcHook.class);
        ClientOptions copy = o.toBuilder().group("other").build();
        assertThat(copy.rpcHooks()).isEqualTo(o.rpcHooks());
        assertThat(copy.group()).isEqualTo("other");
        assertThat(copy.nameServers()).isEqualTo(o.nameServers());
        assertThat(ClientOptions.builder().nameServers("a:1").traceTopic("T1").build().trace()).isTrue();
        assertThatThrownBy(() -> ClientOptions.builder().group("bad group")).hasMessageContaining("group 'bad group'");
        assertThatThrownBy(() -> new TopicConfig("T", 0, 1, 6, 0)).hasMessageContaining("1..1024");
    }
}
