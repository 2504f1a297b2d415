package dev.relay.nats;

import static dev.relay.nats.Clients.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relay.testkit.NatsServer;
import dev.relay.testkit.NatsServerOptions;
import dev.relay.testkit.NatsTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Leaving a server in lame duck mode loses nothing it had sent: the client ends its sending side and
 * reads until the server closes. It used to close at once, discarding the messages still on their way
 * in. A scripted server stands in for the lame duck, since only it can say exactly what it sent after
 * the announcement; a real server is the one to fail over to.
 */
@NatsTest
@NatsServerOptions(jetStream = false)
class LameDuckLeaveIT {
    private static final int AFTER_ANNOUNCEMENT = 500;
    private static final String INFO = "INFO {\"server_id\":\"LDM\",\"version\":\"2.10.0\",\"proto\":1,"
        + "\"headers\":true,\"max_payload\":1048576}\r\n";

    @Test
    void messagesSentAfterTheLameDuckAnnouncementAreStillDelivered(NatsServer other) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CountDownLatch subscribed = new CountDownLatch(1);
            CompletableFuture<Boolean> sawClientEnd = CompletableFuture.supplyAsync(() -> script(listener, subscribed));
            String lameDuck = "nats://127.0.0.1:" + listener.getLocalPort();
            AtomicInteger received = new AtomicInteger();
            Recorder recorder = new Recorder();
            try (Connection nc = Nats.connect(Options.builder().servers(lameDuck, other.url()).connectTimeout(WAIT)
                    .reconnect(r -> r.noRandomize(true)).connectionListener(recorder).build())) {
                nc.subscribe("ldm.x", m -> received.incrementAndGet());
                nc.flush(WAIT);
                subscribed.countDown();
                recorder.await(ConnectionEvent.Type.RECONNECTED, 1, WAIT);
                assertThat(sawClientEnd.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the client ended its side cleanly").isTrue();
                org.awaitility.Awaitility.await().atMost(WAIT).until(() -> received.get() == AFTER_ANNOUNCEMENT);
                assertThat(received.get()).isEqualTo(AFTER_ANNOUNCEMENT);
            }
        }
    }

    /** Plays the lame duck: handshake, announcement, then messages one write at a time, until the client ends. */
    private static boolean script(ServerSocket listener, CountDownLatch subscribed) {
        try (Socket s = listener.accept()) {
            s.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            out.write(INFO.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String sid = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("PING")) {
                    out.write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    if (sid != null) {
                        break;
                    }
                } else if (line.startsWith("SUB ldm.x ")) {
                    sid = line.substring(line.lastIndexOf(' ') + 1);
                }
            }
            if (!subscribed.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                return false;
            }
            out.write(INFO.replace("\"proto\":1", "\"proto\":1,\"ldm\":true").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < AFTER_ANNOUNCEMENT; i++) {
                out.write(("MSG ldm.x " + sid + " 2\r\nhi\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            // what the client sends until it ends its side (it may still PING)
            while ((line = in.readLine()) != null) {
                if (line.equals("PING")) {
                    out.write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
