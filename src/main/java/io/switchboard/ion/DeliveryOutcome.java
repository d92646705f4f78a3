package io.switchboard.ion;

/**
 * How the delivery of one message to one routing target ended: delivered, dead (with its dead letter), or
 * interrupted by the hub stopping (no dead letter: the message is dispatched again at the next start).
 */
public record DeliveryOutcome(String target, boolean delivered, Long deadLetterId, String error, boolean interrupted) {

    /** The target's short name for message.route and the journey: "direct:chat-event" -> "chat-event". */
    public String name() {
        return DeliveryOutcome.name(target);
    }

    static String name(String target) {
        int colon = target.indexOf(':');
        String rest = colon < 0 ? target : target.substring(colon + 1);
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }
}
