package io.switchboard.chat;

import java.util.List;

import io.switchboard.ops.HttpErrors;
import org.apache.camel.builder.RouteBuilder;

/** /api/chat/**: the REST API for app back ends (docs/chat-api.md). */
public class ChatApiRoutes extends RouteBuilder {

    private final ChatApi api;

    public ChatApiRoutes(ChatApi api) {
        this.api = api;
    }

    @Override
    public void configure() {
        route("/api/chat/rooms", "POST", "chat-api-create-room", api::createRoom);
        route("/api/chat/rooms/{key}", "GET,DELETE", "chat-api-room", api::room);
        route("/api/chat/rooms/{key}/members", "POST", "chat-api-add-members", api::addMembers);
        route("/api/chat/rooms/{key}/members/remove", "POST", "chat-api-remove-members", api::removeMembers);
        route("/api/chat/rooms/{key}/leave", "POST", "chat-api-leave-room", api::leave);
        route("/api/chat/rooms/{key}/name", "PUT", "chat-api-rename-room", api::rename);
        route("/api/chat/rooms/{key}/messages", "POST", "chat-api-send-message", api::sendMessage);
        route("/api/chat/users/{user}/rooms", "GET", "chat-api-rooms-of-user", api::roomsOfUser);
        route("/api/chat/sessions", "POST", "chat-api-open-session", api::openSession);
        route("/api/chat/sessions/close", "POST", "chat-api-close-session", api::closeSession);
        route("/api/chat/i2a", "GET", "chat-api-i2a-state", api::linkState);
        route("/api/chat/i2a/resume", "POST", "chat-api-i2a-resume", api::linkState);
    }

    private void route(String path, String methods, String routeId, ChatApi.Handler handler) {
        // every method reaches the route, so a wrong one gets a JSON 405 rather than the server's plain one
        from("platform-http:" + path).routeId(routeId)
                .routeConfigurationId(HttpErrors.ID)
                // ChatApi.run authenticates the caller (service key, directory user or IdP token) first
                .process(exchange -> api.run(exchange, List.of(methods.split(",")), handler));
    }
}
