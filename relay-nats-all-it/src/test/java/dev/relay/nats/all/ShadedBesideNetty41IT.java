package dev.relay.nats.all;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relay.nats.Connection;
import dev.relay.nats.Message;
import dev.relay.nats.Nats;
import dev.relay.nats.Subscription;
import dev.relay.nats.jetstream.JetStream;
import dev.relay.nats.kv.KeyValue;
import dev.relay.nats.kv.KeyValueConfig;
import dev.relay.nats.kv.KeyValueManagement;
import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsTest;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shaded relay-nats-all on an application's class path with Netty 4.1 and Jackson 2.19, in one JVM, against
 * a real nats-server: Relay works through its relocated Netty 4.2 (epoll from its renamed native library) while
 * the application's Netty 4.1 and Jackson do their own I/O and JSON beside it. Runs (failsafe) on the jar that
 * relay-nats-all's package phase shaded, never on relay-nats' classes. Single-threaded test code.
 */
@NatsTest
class ShadedBesideNetty41IT {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void relayComesFromTheShadedJarAndNetty42AndJackson222AreNotOnTheClassPathUnshaded() throws Exception {
        Path relayJar = jarOf(Nats.class);
        assertThat(relayJar.getFileName().toString()).startsWith("relay-nats-all-").endsWith(".jar");
        assertThat(Collections.list(getClass().getClassLoader().getResources("dev/relay/nats/Nats.class")))
            .as("relay-nats' own, unshaded classes must not be on the class path too").hasSize(1);
        assertThat(jarOf(Class.forName("dev.relay.shaded.io.netty.channel.EventLoopGroup"))).isEqualTo(relayJar);
        assertThat(jarOf(Class.forName("dev.relay.shaded.com.fasterxml.jackson.databind.ObjectMapper")))
            .isEqualTo(relayJar);

        // Classes that Netty 4.2 has and 4.1 lacks: nothing of relay-nats' unshaded dependencies leaked in.
        assertThatThrownBy(() -> Class.forName("io.netty.channel.MultiThreadIoEventLoopGroup"))
            .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.netty.channel.nio.NioIoHandler"))
            .isInstanceOf(ClassNotFoundException.class);
        assertThat(io.netty.util.Version.identify().get("netty-common").artifactVersion()).startsWith("4.1.");
        assertThat(dev.relay.shaded.io.netty.util.Version.identify().get("netty-common").artifactVersion())
            .startsWith("4.2.");
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString()).startsWith("2.19.");
        assertThat(dev.relay.shaded.com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString())
            .startsWith("2.22.");
    }

    @Test
    void bothNettiesLoadTheirOwnEpollLibrary() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && "amd64".equals(System.getProperty("os.arch")),
            "the shaded jar carries the linux-x86_64 epoll library only");
        // The shaded one is found only under the name the relocated NativeLibraryLoader asks for
        // (libdev_relay_shaded_netty_transport_native_epoll_x86_64.so); without it Relay would run on NIO.
        assertThat(dev.relay.shaded.io.netty.channel.epoll.Epoll.isAvailable())
            .as("shaded epoll: %s", dev.relay.shaded.io.netty.channel.epoll.Epoll.unavailabilityCause())
            .isTrue();
        assertThat(io.netty.channel.epoll.Epoll.isAvailable())
            .as("Netty 4.1 epoll: %s", io.netty.channel.epoll.Epoll.unavailabilityCause())
            .isTrue();
    }

    @Test
    void relayPublishesSubscribesAndRequestsWhileNetty41TalksToTheSameServer(NatsServer server) throws Exception {
        EventLoopGroup netty41 = new NioEventLoopGroup(1);
        try (Connection nc = Nats.connect(server.url()); Connection responder = Nats.connect(server.url())) {
            Subscription sub = nc.subscribe("shaded.greet");
            nc.flush(WAIT);
            nc.publish("shaded.greet", "hello");
            Message m = sub.nextMessage(WAIT);
            assertThat(m.dataAsString()).isEqualTo("hello");

            responder.subscribe("shaded.echo", msg -> msg.respond("echo:" + msg.dataAsString()));
            responder.flush(WAIT);
            assertThat(nc.request("shaded.echo", "ping", WAIT).dataAsString()).isEqualTo("echo:ping");

            // The application's own Netty 4.1 and Jackson 2.19, while Relay's connections stay open.
            JsonNode info = new ObjectMapper().readTree(readInfoLineWithNetty41(netty41, server.port()));
            assertThat(info.path("server_id").asText()).isNotEmpty();
            assertThat(info.path("port").asInt()).isEqualTo(server.port());

            // Relay still works after 4.1 did its I/O in the same JVM.
            assertThat(nc.request("shaded.echo", "again", WAIT).dataAsString()).isEqualTo("echo:again");
        } finally {
            netty41.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void relaysJetStreamJsonGoesThroughItsShadedJackson(NatsServer server) {
        try (Connection nc = Nats.connect(server.url())) {
            KeyValue kv = KeyValueManagement.of(JetStream.of(nc)).create(KeyValueConfig.builder("shaded").build());
            kv.put("color", "blue");
            assertThat(kv.get("color").valueAsString()).isEqualTo("blue");
        }
    }

    /** Connects with Netty 4.1's NIO transport and returns the JSON of the server's greeting (INFO {…}). */
    private static String readInfoLineWithNetty41(EventLoopGroup group, int port) throws Exception {
        CompletableFuture<String> line = new CompletableFuture<>();
        Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel c) {
                    c.pipeline().addLast(new LineBasedFrameDecoder(64 * 1024),
                        new StringDecoder(StandardCharsets.UTF_8),
                        new SimpleChannelInboundHandler<String>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, String msg) {
                                line.complete(msg);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                line.completeExceptionally(cause);
                            }
                        });
                }
            })
            .connect("127.0.0.1", port).sync().channel();
        try {
            String info = line.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(info).startsWith("INFO ");
            return info.substring("INFO ".length());
        } finally {
            ch.close().sync();
        }
    }

    private static Path jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
