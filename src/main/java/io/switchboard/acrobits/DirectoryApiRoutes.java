package io.switchboard.acrobits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ops.HttpErrors;
import io.switchboard.ops.HttpProblem;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** /api/directory/… — operators manage directory users: list, show, create/replace, deactivate, bulk import. */
public class DirectoryApiRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryApiRoutes.class);

    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final DirectoryStore directory;
    private final PasswordHasher hasher;
    private final String defaultCarrier;
    private final int importMaxUsers;

    public DirectoryApiRoutes(DirectoryStore directory, PasswordHasher hasher, String defaultCarrier,
                              int importMaxUsers) {
        this.directory = directory;
        this.hasher = hasher;
        this.defaultCarrier = defaultCarrier;
        this.importMaxUsers = importMaxUsers;
    }

    @Override
    public void configure() {
        from("platform-http:/api/directory/users?httpMethodRestrict=GET").routeId("directory-api-list")
                .routeConfigurationId(HttpErrors.ID)
                .process("apiAuthentication")
                .process(e -> ok(e, 200, Map.of("users", directory.all().stream().map(DirectoryUserView::of).toList())));

        from("platform-http:/api/directory/users/{username}?httpMethodRestrict=GET,PUT,DELETE")
                .routeId("directory-api-user")
                .routeConfigurationId(HttpErrors.ID)
                .process("apiAuthentication")
                .process(this::user)
                .split(exchangeProperty(DirectoryEvents.DEACTIVATED_USERS))
                    .wireTap(DirectoryEvents.USER_DEACTIVATED).onPrepare(DirectoryEvents.USERNAME_ONLY)
                .end();

        from("platform-http:/api/directory/import?httpMethodRestrict=POST").routeId("directory-api-import")
                .routeConfigurationId(HttpErrors.ID)
                .process("apiAuthentication")
                .process(this::bulkImport);
    }

    void user(Exchange exchange) throws JsonProcessingException {
        String username = exchange.getIn().getHeader("username", String.class);
        String method = exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class);
        switch (method) {
            case "GET" -> ok(exchange, 200, DirectoryUserView.of(directory.findByUsername(username)
                    .orElseThrow(() -> HttpProblem.notFound("no user " + username))));
            case "PUT" -> {
                boolean existed = directory.findByUsername(username).isPresent();
                DirectoryUser user = read(exchange.getIn().getBody(String.class), DirectoryUserRequest.class)
                        .toUser(username, hasher, defaultCarrier);
                directory.save(user);
                LOG.info("event=directory-user-saved username={} created={}", username, !existed);
                ok(exchange, existed ? 200 : 201, DirectoryUserView.of(directory.findByUsername(username).orElseThrow()));
            }
            case "DELETE" -> {
                if (!directory.deactivate(username)) {
                    throw HttpProblem.notFound("no user " + username);
                }
                LOG.info("event=directory-user-deactivated username={} source=api", username);
                exchange.setProperty(DirectoryEvents.DEACTIVATED_USERS, List.of(username));
                exchange.getMessage().removeHeaders("*");
                exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
                exchange.getMessage().setBody(null);
            }
            default -> throw new HttpProblem(405, "method_not_allowed", method + " not allowed");
        }
    }

    /** Body: {"users":[…]} or a bare array; all users are saved in one transaction or none. */
    void bulkImport(Exchange exchange) throws JsonProcessingException {
        JsonNode root = read(exchange.getIn().getBody(String.class), JsonNode.class);
        JsonNode users = root.isArray() ? root : root.path("users");
        if (!users.isArray()) {
            throw HttpProblem.badRequest("invalid_import", "expected {\"users\":[…]} or an array of users");
        }
        if (users.size() > importMaxUsers) {
            throw new HttpProblem(413, "too_large", "at most " + importMaxUsers + " users per import");
        }
        List<DirectoryUser> parsed = new ArrayList<>();
        for (JsonNode node : users) {
            DirectoryUserRequest request;
            try {
                request = json.treeToValue(node, DirectoryUserRequest.class);
            } catch (JsonProcessingException e) {
                throw HttpProblem.badRequest("invalid_import", "user " + (parsed.size() + 1) + ": " + where(e));
            }
            parsed.add(request.toUser(null, hasher, defaultCarrier));
        }
        int saved = directory.saveAll(parsed);
        LOG.info("event=directory-imported users={}", saved);
        ok(exchange, 200, Map.of("imported", saved));
    }

    private <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw HttpProblem.badRequest("malformed_json", "a JSON body is required");
        }
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw HttpProblem.badRequest("malformed_json", "invalid JSON: " + where(e));
        }
    }

    // Jackson's own messages can quote the input (a password): say only where and what kind of error
    private static String where(JsonProcessingException e) {
        String kind = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u
                ? "unknown field '" + u.getPropertyName() + "'" : "cannot read the value";
        var at = e.getLocation();
        return at == null ? kind : kind + " at line " + at.getLineNr() + " column " + at.getColumnNr();
    }

    private void ok(Exchange exchange, int status, Object body) throws JsonProcessingException {
        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(json.writeValueAsString(body));
    }
}
