package dev.relay.rocketmq.internal.client;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes unique message ids ({@code UNIQ_KEY}) in the official layout: client IPv4 (4 bytes), pid (2),
 * a per-process random (4), milliseconds since the start of the month (4), counter (2), as 32
 * uppercase hex digits. Thread-safe.
 */
final class MessageIds {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final byte[] PREFIX = prefix();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile long monthStartMillis;
    private static volatile long nextMonthMillis;

    private MessageIds() {
    }

    /** @return a new unique id */
    static String next() {
        long now = System.currentTimeMillis();
        if (now >= nextMonthMillis) {
            rollMonth(now);
        }
        ByteBuffer b = ByteBuffer.allocate(16).put(PREFIX);
        b.putInt((int) (now - monthStartMillis)).putShort((short) COUNTER.getAndIncrement());
        return HEX.formatHex(b.array());
    }

    /** @return this host's address as text, the one the ids carry */
    static String clientIp() {
        return (PREFIX[0] & 0xFF) + "." + (PREFIX[1] & 0xFF) + "." + (PREFIX[2] & 0xFF) + "." + (PREFIX[3] & 0xFF);
    }

    private static synchronized void rollMonth(long now) {
        ZonedDateTime start = ZonedDateTime.now(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC);
        monthStartMillis = start.toInstant().toEpochMilli();
        nextMonthMillis = start.plusMonths(1).toInstant().toEpochMilli();
        if (now < monthStartMillis) {
            monthStartMillis = now;
        }
    }

    private static byte[] prefix() {
        ByteBuffer b = ByteBuffer.allocate(10).put(localIpv4());
        b.putShort((short) ProcessHandle.current().pid());
        b.putInt(new SecureRandom().nextInt());
        return b.array();
    }

    /** The first non-loopback IPv4 address, else loopback: only an id, never connected to. */
    private static byte[] localIpv4() {
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                        return a.getAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to loopback
        }
        return new byte[] {127, 0, 0, 1};
    }
}
