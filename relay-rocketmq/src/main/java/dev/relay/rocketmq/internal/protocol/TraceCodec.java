package dev.relay.rocketmq.internal.protocol;

import dev.relay.rocketmq.TraceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Message-trace records in the official layout (PROTOCOL.md §13); pure, stateless.
 *
 * <pre>
 * body   = (record 0x02)*            record = field (0x01 field)*
 * Pub            = Pub ts region group topic msgId tags keys storeHost bodyLength costMs msgType offsetMsgId success
 * EndTransaction = EndTransaction ts region group topic msgId tags keys storeHost msgType transactionId state fromCheck
 * </pre>
 * msgType ordinals: 0 normal, 1 transaction half, 2 transaction commit, 3 delay. States: COMMIT_MESSAGE,
 * ROLLBACK_MESSAGE, UNKNOW (sic, as the official enum spells it).
 */
public final class TraceCodec {
    private static final char FIELD = '\u0001';
    private static final char RECORD = '\u0002';

    private TraceCodec() {
    }

    /**
     * @param fields a record's fields, type first; {@code null} is written as an empty field
     * @return the record with its terminator
     */
    public static String record(Object... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(FIELD);
            }
            sb.append(fields[i] == null ? "" : fields[i]);
        }
        return sb.append(RECORD).toString();
    }

    /**
     * @param body a trace message's body
     * @return its records; ones with fewer than six fields are skipped
     */
    public static List<TraceRecord> decode(String body) {
        List<TraceRecord> out = new ArrayList<>();
        for (String text : body.split(String.valueOf(RECORD))) {
            String[] f = text.split(String.valueOf(FIELD), -1);
            if (f.length < 6) {
                continue;
            }
            long ts;
            try {
                ts = Long.parseLong(f[1]);
            } catch (NumberFormatException e) {
                continue;
            }
            out.add(new TraceRecord(f[0], Instant.ofEpochMilli(ts), f[3], f[4], f[5], Arrays.asList(f)));
        }
        return out;
    }
}
