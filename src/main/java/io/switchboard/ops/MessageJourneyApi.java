package io.switchboard.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.switchboard.store.Direction;
import io.switchboard.store.MessageRecord;
import io.switchboard.store.MessageStore;
import org.apache.camel.Exchange;

/** GET /api/admin/messages/{messageId}[?direction=IN|OUT]: status, every step and the dead letters. */
public class MessageJourneyApi {

    private final MessageStore messages;
    private final AdminViews views;
    private final DeadLetterApi answers;

    public MessageJourneyApi(MessageStore messages, AdminViews views, DeadLetterApi answers) {
        this.messages = messages;
        this.views = views;
        this.answers = answers;
    }

    public void show(Exchange exchange) {
        String messageId = exchange.getIn().getHeader("messageId", String.class);
        String direction = exchange.getIn().getHeader("direction", String.class);
        List<MessageRecord> found;
        if (direction == null || direction.isBlank()) {
            found = messages.findByMessageId(messageId);
        } else {
            Direction d;
            try {
                d = Direction.valueOf(direction.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw HttpProblem.badRequest("invalid_direction", "direction must be IN or OUT");
            }
            found = messages.find(d, messageId).map(List::of).orElse(List.of());
        }
        if (found.isEmpty()) {
            throw HttpProblem.notFound("no message " + messageId);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", messageId);
        body.put("messages", found.stream().map(views::journey).toList());
        answers.answer(exchange, 200, body);
    }
}
