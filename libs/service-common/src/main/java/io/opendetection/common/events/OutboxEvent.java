package io.opendetection.common.events;

/**
 * An event to publish once the transaction that wrote it commits.
 *
 * @param topic   one of {@link io.opendetection.contracts.events.Topics}
 * @param key     the record key: the id of the entity, so its changes stay in order
 * @param type    the CloudEvents type, one of {@link io.opendetection.contracts.events.EventTypes}
 * @param subject the CloudEvents subject: the entity's id as people know it
 * @param payload what to serialise as the record's JSON value; null for a tombstone
 */
public record OutboxEvent(String topic, String key, String type, String subject, Object payload) {
}
