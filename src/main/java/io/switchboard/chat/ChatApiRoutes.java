package io.switchboard.chat;

import java.util.Map;

import io.switchboard.ops.ApiJsonBody;
import io.switchboard.ops.ApiRestConfiguration;
import io.switchboard.ops.HttpErrors;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;

/** /api/chat/** (REST DSL): the REST API for app back ends (docs/chat-api.md). */
public class ChatApiRoutes extends RouteBuilder {

    private final ChatApi api;

    public ChatApiRoutes(ChatApi api) {
        this.api = api;
    }

    @Override
    public void configure() {
        RestDefinition chat = ApiRestConfiguration.secured(rest("/api/chat")
                        .description("App back ends and signed-in users: chat rooms, members, sessions (I2A Chat)"));
        // no produces/consumes: platform-http would refuse (404) clients that send no JSON Content-Type or Accept
        chat.securityDefinitions().bearerToken("bearer", "an IdP JWT (hub.chat.auth.jwt.*) or, as HTTP basic,"
                + " a directory login (hub.chat.auth.directory-credentials)").end()
                .security("bearer");

        chat.post("/rooms").routeId("chat-api-create-room")
                .description("Create a room (a user creating it owns it); completes a room left pending")
                .type(ChatRequests.CreateRoom.class).outType(ChatAnswers.Room.class);
        errors(chat, 201, "created").responseMessage().code(409).message("room_exists").endResponseMessage()
                .to("direct:chat-api-create-room");

        chat.get("/rooms/{key}").routeId("chat-api-room-show").description("A room and its members")
                .outType(ChatAnswers.Room.class);
        key(errors(chat, 200, "the room")).to("direct:chat-api-room-show");
        chat.delete("/rooms/{key}").routeId("chat-api-room-delete").description("Delete a room (owners, admins, service)");
        key(errors(chat, 204, "deleted")).to("direct:chat-api-room-delete");

        chat.post("/rooms/{key}/members").routeId("chat-api-add-members")
                .description("Add members, or give present ones the role")
                .type(ChatRequests.Members.class).outType(ChatAnswers.Room.class);
        key(errors(chat, 200, "the room")).to("direct:chat-api-add-members");
        chat.post("/rooms/{key}/members/remove").routeId("chat-api-remove-members")
                .description("Remove members")
                .type(ChatRequests.Members.class).outType(ChatAnswers.Room.class);
        key(errors(chat, 200, "the room")).to("direct:chat-api-remove-members");
        chat.post("/rooms/{key}/leave").routeId("chat-api-leave-room")
                .description("The signed-in user leaves the room").outType(ChatAnswers.Left.class);
        key(errors(chat, 200, "left")).responseMessage().code(409).message("last_owner").endResponseMessage()
                .to("direct:chat-api-leave-room");
        chat.put("/rooms/{key}/name").routeId("chat-api-rename-room").description("Rename the room")
                .type(ChatRequests.Rename.class).outType(ChatAnswers.Room.class);
        key(errors(chat, 200, "the room")).to("direct:chat-api-rename-room");
        chat.post("/rooms/{key}/messages").routeId("chat-api-send-message")
                .description("A system message into the room (service only)")
                .type(ChatRequests.SystemMessage.class).outType(ChatAnswers.Sent.class);
        key(errors(chat, 200, "sent")).to("direct:chat-api-send-message");

        chat.get("/users/{user}/rooms").routeId("chat-api-rooms-of-user")
                .description("The rooms a user is in (the user themself, or the service)")
                .outType(ChatAnswers.UserRooms.class)
                .param().name("user").type(RestParamType.path).description("a username").endParam();
        errors(chat, 200, "the rooms").to("direct:chat-api-rooms-of-user");

        chat.post("/sessions").routeId("chat-api-open-session")
                .description("Open a chat session for a device; answers the I2A token")
                .type(ChatRequests.OpenSession.class).outType(ChatAnswers.SessionOpened.class);
        errors(chat, 201, "opened").to("direct:chat-api-open-session");
        chat.post("/sessions/close").routeId("chat-api-close-session").description("Close a device's session")
                .type(ChatRequests.CloseSession.class)
                .outType(ChatAnswers.SessionClosed.class);
        errors(chat, 200, "closed").to("direct:chat-api-close-session");

        chat.get("/i2a").routeId("chat-api-i2a-state").description("The I2A link state and queue depths (service)")
                .outType(Map.class);
        errors(chat, 200, "the link state").to("direct:chat-api-i2a-state");
        chat.post("/i2a/resume").routeId("chat-api-i2a-resume")
                .description("Resume a suspended I2A link (service)").outType(Map.class);
        errors(chat, 200, "the link state").to("direct:chat-api-i2a-resume");

        // each verb's route: authenticate, bind the body to the verb's type (or only cap a bodiless request), handle
        handler("chat-api-create-room", ChatRequests.CreateRoom.class, api::createRoom);
        handler("chat-api-room-show", null, api::room);
        handler("chat-api-room-delete", null, api::room);
        handler("chat-api-add-members", ChatRequests.Members.class, api::addMembers);
        handler("chat-api-remove-members", ChatRequests.Members.class, api::removeMembers);
        handler("chat-api-leave-room", null, api::leave);
        handler("chat-api-rename-room", ChatRequests.Rename.class, api::rename);
        // system messages come from the service only: an app user hears 403 before anything about the body
        handler("chat-api-send-message", api::requireServiceForMessages, ChatRequests.SystemMessage.class,
                api::sendMessage);
        handler("chat-api-rooms-of-user", null, api::roomsOfUser);
        handler("chat-api-open-session", ChatRequests.OpenSession.class, api::openSession);
        handler("chat-api-close-session", ChatRequests.CloseSession.class, api::closeSession);
        handler("chat-api-i2a-state", null, api::linkState);
        handler("chat-api-i2a-resume", null, api::linkState);
    }

    /** The answers every chat verb may give besides its success. */
    private static RestDefinition errors(RestDefinition verb, int success, String what) {
        return verb.responseMessage().code(success).message(what).endResponseMessage()
                .responseMessage().code(400).message("invalid_json, missing_field or invalid_field (names the field"
                        + " and its limit)").endResponseMessage()
                .responseMessage().code(401).message("unauthorized").endResponseMessage()
                .responseMessage().code(403).message("the caller's role does not allow it").endResponseMessage()
                .responseMessage().code(404).message("no such room").endResponseMessage()
                .responseMessage().code(413).message("body over hub.i2a.api-max-body-bytes").endResponseMessage()
                .responseMessage().code(422).message("unknown_users or i2a_rejected").endResponseMessage()
                .responseMessage().code(503).message("chat_disabled, i2a_unavailable, i2a_auth_failed or"
                        + " idp_unavailable; Retry-After").endResponseMessage();
    }

    private static RestDefinition key(RestDefinition verb) {
        return verb.param().name("key").type(RestParamType.path).description("the room key").endParam();
    }

    /**
     * The route behind one verb: ChatApi.admit authenticates the caller (service key, directory user or IdP token)
     * first; then the body is bound to the verb's request record by ApiJsonBody (413 before any parsing, then
     * invalid_json / invalid_field), so the handler receives the record. Bound here rather than by the REST DSL's
     * binding: that would register the verb for application/json only and bind before authentication.
     */
    private void handler(String name, Class<?> type, ChatApi.Handler handler) {
        handler(name, null, type, handler);
    }

    /** As above, with a check of the caller that comes before the body (guard, may be null). */
    private void handler(String name, Processor guard, Class<?> type, ChatApi.Handler handler) {
        var route = from("direct:" + name).routeConfigurationId(HttpErrors.ID)
                .process(api::admit);
        if (guard != null) {
            route.process(guard);
        }
        if (type != null) {
            route.unmarshal(new ApiJsonBody(type, api.maxBodyBytes(), ChatApiBodyErrors.INSTANCE));
        } else {
            route.process(exchange -> ApiJsonBody.requireWithin(exchange, api.maxBodyBytes(), ChatApiBodyErrors.INSTANCE));
        }
        route.process(exchange -> api.handle(exchange, handler));
    }
}
