package io.switchboard.chat;

/** A chat event that can never be delivered as it is (no room key, no text). */
public class InvalidChatEvent extends RuntimeException {

    public InvalidChatEvent(String message) {
        super(message);
    }
}
