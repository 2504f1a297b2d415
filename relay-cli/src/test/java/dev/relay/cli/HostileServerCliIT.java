package dev.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code relay pub} and {@code relay sub} against a loopback socket that breaks the NATS protocol: the
 * person sees one line naming what the server sent, no stack trace (neither the command's nor the
 * library's log), and a non-zero exit. Every connection to the socket gets the same bytes, so a
 * reconnect meets the same broken server. Commands run with {@link Cli#start}, so a hang fails the
 * test after {@link Cli#WAIT}.
 */
class HostileServerCliIT {

    private static final String INFO = "INFO {\"server_id\":\"x\",\"version\":\"2.9.10\",\"max_payload\":1048576,"
        + "\"headers\":true,\"proto\":1}\r\n";

    private ServerSocket listener;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private PrintStream realErr;
    private final ByteArrayOutputStream processErr = new ByteArrayOutputStream();

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        // the library logs through SLF4J's simple logger, which writes to System.err: capture it too
        realErr = System.err;
        System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() throws IOException {
        System.setErr(realErr);
        listener.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    private String url() {
        return "nats://127.0.0.1:" + listener.getLocalPort();
    }

    /**
     * Serves every client that connects: completes the handshake first when asked, then sends
     * {@code bytes} and keeps the socket open, so the client sees the bytes, not an end of stream.
     */
    private void serve(boolean handshake, String bytes) {
        Thread t = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    accepted.add(s);
                    OutputStream out = s.getOutputStream();
                    if (handshake) {
                        out.write(INFO.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        BufferedReader in = new BufferedReader(
                            new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                        String line;
                        while ((line = in.readLine()) != null && !line.equals("PING")) {
                            // CONNECT comes first
                        }
                        out.write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException e) {
                    // the listener was closed, or the client hung up first: serve the next one
                }
            }
        }, "hostile-server");
        t.setDaemon(true);
        t.start();
    }

    /** The command printed one line on its stderr, and nothing reached the process's stderr. */
    private void assertOneLineNoStack(Cli.Result result, Supplier<String> context) {
        assertThat(result.exitCode()).as(context).isNotZero();
        CliIT.assertOneErrorLine(result);
        assertThat(result.err()).as(context)
            .doesNotContain("start one with 'nats-server'")
            .doesNotContain("Exception");
        assertThat(processErr.toString(StandardCharsets.UTF_8)).as("library log on System.err")
            .doesNotContain("\tat ")
            .doesNotContain("Exception");
    }

    @Test
    void subToAServerThatAnnouncesAnAbsurdMessageSizeSaysWhatItSentInOneLine() throws Exception {
        serve(true, "MSG foo 1 99999999999\r\n");
        Cli.Result result = Cli.start("-s", url(), "sub", "foo").result();
        assertOneLineNoStack(result, result::toString);
        assertThat(result.err()).startsWith("relay: the server sent bytes that are not NATS:")
            .contains("MSG foo 1 99999999999").contains("offset");
    }

    @Test
    void pubToAServerThatSendsGarbageAfterTheHandshakeSaysWhatItSentInOneLine() throws Exception {
        serve(true, "\u0000\u00ffGARBAGE\r\n");
        Cli.Result result = Cli.start("-s", url(), "pub", "foo", "hi").result();
        assertOneLineNoStack(result, result::toString);
        assertThat(result.err()).startsWith("relay: the server sent bytes that are not NATS:")
            .contains("unknown protocol operation").contains("\\x00\\xffGARBAGE");
        assertThat(result.out()).doesNotContain("Published");
    }

    @Test
    void pubToSomethingThatIsNotANatsServerSaysWhatItSentInOneLine() throws Exception {
        serve(false, "HTTP/1.1 400 Bad Request\r\n\r\n");
        Cli.Result result = Cli.start("-s", url(), "pub", "foo", "hi").result();
        assertOneLineNoStack(result, result::toString);
        assertThat(result.err()).startsWith("relay: the server sent bytes that are not NATS:")
            .contains("HTTP/1.1 400 Bad Request");
    }

    @Test
    void subToAServerWhoseInfoIsNotJsonSaysWhatItSentInOneLine() throws Exception {
        serve(false, "INFO {\"server_id\": [[[\r\n");
        Cli.Result result = Cli.start("-s", url(), "sub", "foo").result();
        assertOneLineNoStack(result, result::toString);
        assertThat(result.err()).startsWith("relay: the server sent bytes that are not NATS:")
            .contains("INFO is not valid JSON");
    }
}
