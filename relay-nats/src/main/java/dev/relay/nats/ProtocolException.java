package dev.relay.nats;

/**
 * The bytes received from the server do not follow the NATS protocol: an unknown operation, a
 * malformed or over-long control line, a size that does not match the frame. The connection that saw
 * them is closed. {@link #offset()} and {@link #excerpt()} locate the bad bytes in the stream.
 */
public class ProtocolException extends NatsException {
    private static final long serialVersionUID = 1L;
    private final long offset;
    private final String excerpt;

    /**
     * Creates the exception.
     *
     * @param problem what rule the bytes broke
     * @param offset offset of the bad frame from the start of the connection's inbound stream
     * @param excerpt the first bytes of the bad frame, escaped so that every character is printable
     */
    public ProtocolException(String problem, long offset, String excerpt) {
        super(problem + " at offset " + offset + ": \"" + excerpt + "\"");
        this.offset = offset;
        this.excerpt = excerpt;
    }

    /**
     * Where the bad frame starts, counted in bytes from the start of the inbound stream.
     *
     * @return the stream offset
     */
    public long offset() {
        return offset;
    }

    /**
     * The first bytes of the bad frame, escaped ({@code \r}, {@code \n}, {@code \xNN}).
     *
     * @return a printable excerpt
     */
    public String excerpt() {
        return excerpt;
    }
}
