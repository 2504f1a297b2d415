package dev.relay.nats.service;

/**
 * A queue-group setting at one level (service, group, endpoint): inherit from the level above, a
 * named group, or none. Immutable.
 *
 * @param inherit whether the level above decides
 * @param queue the group name, or null for none
 */
record QueueChoice(boolean inherit, String queue) {
    /** ADR-32's default queue group. */
    static final String DEFAULT = "q";
    static final QueueChoice INHERIT = new QueueChoice(true, null);
    static final QueueChoice NONE = new QueueChoice(false, null);

    static QueueChoice of(String queue) {
        return new QueueChoice(false, Validation.queueGroup(queue));
    }

    /** This setting, or the parent's already resolved one (null = none) when inheriting. */
    String resolve(String parent) {
        return inherit ? parent : queue;
    }
}
