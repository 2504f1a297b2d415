package dev.relay.rocketmq;

/** How a stored message was stored; every value means the broker has the message. */
public enum SendStatus {
    /** Stored (and flushed / replicated as configured). */
    SEND_OK,
    /** Stored, but the disk flush timed out (response code 10). */
    FLUSH_DISK_TIMEOUT,
    /** Stored on the master, the slave flush timed out (code 12). */
    FLUSH_SLAVE_TIMEOUT,
    /** Stored on the master, no slave available (code 11). */
    SLAVE_NOT_AVAILABLE
}
