package io.switchboard.chat;

/**
 * Who is calling /api/chat: the hub's back-end service (API key) or one directory user
 * (directory credentials, an IdP token, or the service acting for a user where allowed).
 */
public record ChatCaller(String user, String via) {

    /** Exchange property holding the caller once ChatAuthentication has run. */
    public static final String PROPERTY = "ChatCaller";

    public static ChatCaller service() {
        return new ChatCaller(null, "api-key");
    }

    public static ChatCaller user(String username, String via) {
        return new ChatCaller(username, via);
    }

    public boolean isService() {
        return user == null;
    }

    /** For log lines and error messages. */
    public String describe() {
        return isService() ? "the service" : "user " + user;
    }
}
