package io.switchboard.acrobits;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ops.ApiBinding;
import io.switchboard.ops.ApiBodyErrors;
import io.switchboard.ops.ApiJsonBody;
import io.switchboard.ops.ApiRestConfiguration;
import io.switchboard.ops.HttpErrors;
import io.switchboard.ops.HttpProblem;
import io.switchboard.ops.JsonRequests;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestParamType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** /api/directory/… (REST DSL) — operators manage directory users: list, show, create/replace, deactivate, bulk import. */
public class DirectoryApiRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryApiRoutes.class);

    private final ObjectMapper json;
    private final DirectoryStore directory;
    private final PasswordHasher hasher;
    private final String defaultCarrier;
    private final int importMaxUsers;

    public DirectoryApiRoutes(ObjectMapper json, DirectoryStore directory, PasswordHasher hasher, String defaultCarrier,
                              int importMaxUsers) {
        this.json = json;
        this.directory = directory;
        this.hasher = hasher;
        this.defaultCarrier = defaultCarrier;
        this.importMaxUsers = importMaxUsers;
    }

    /** The list answer: {"users":[…]}. */
    public record UserList(List<DirectoryUserView> users) {
    }

    /** The bulk import answer: how many users were saved. */
    public record Imported(int imported) {
    }

    /** The bulk import request: {"users":[…]}, or a bare array of users (bound through the delegating creator). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImportRequest(List<DirectoryUserRequest> users) {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ImportRequest ofArray(List<DirectoryUserRequest> users) {
            return new ImportRequest(users);
        }
    }

    /** What is wrong with an import body: malformed_json for the document, invalid_import naming the user by position. */
    private static final class ImportErrors implements ApiBodyErrors {

        @Override
        public HttpProblem missing() {
            return HttpProblem.badRequest(JsonRequests.MALFORMED, "a JSON body is required");
        }

        @Override
        public HttpProblem tooLarge(int maxBytes) {
            return new HttpProblem(413, "too_large", "import body over " + maxBytes + " bytes");
        }

        @Override
        public HttpProblem unreadable(JsonProcessingException e) {
            if (JsonRequests.isSyntax(e)) {
                return HttpProblem.badRequest(JsonRequests.MALFORMED, "invalid JSON: " + JsonRequests.where(e));
            }
            int step = JsonRequests.firstIndex(e);
            if (step < 0) {
                return notAnImport();
            }
            int position = ((JsonMappingException) e).getPath().get(step).getIndex() + 1;
            return HttpProblem.badRequest("invalid_import", "user " + position + ": " + JsonRequests.where(e, step + 1));
        }
    }

    private static HttpProblem notAnImport() {
        return HttpProblem.badRequest("invalid_import", "expected {\"users\":[…]} or an array of users");
    }

    @Override
    public void configure() {
        // no produces/consumes: platform-http would refuse (404) clients that send no JSON Content-Type or Accept
        ApiRestConfiguration.secured(rest("/api/directory").description("Operators: the directory of Acrobits users"))
                .get("/users").routeId("directory-api-list")
                    .description("Every directory user (secrets never shown, only whether they are set)").outType(UserList.class)
                    .to("direct:directory-api-list")
                .get("/users/{username}").routeId("directory-api-user-show")
                    .description("One directory user").outType(DirectoryUserView.class)
                    .param().name("username").type(RestParamType.path).description("1-200 characters").endParam()
                    .responseMessage().code(404).message("no such user").endResponseMessage()
                    .to("direct:directory-api-user-show")
                .put("/users/{username}").routeId("directory-api-user-save")
                    // descriptions travel in endpoint URIs (JMX): no secret field names in them
                    .description("Create or replace a user; secrets left out of the body are kept")
                    // bound by the REST DSL: the handler gets a DirectoryUserRequest and answers the view object
                    .bindingMode(RestBindingMode.json)
                    .type(DirectoryUserRequest.class).outType(DirectoryUserView.class)
                    .param().name("username").type(RestParamType.path).description("1-200 characters").endParam()
                    .responseMessage().code(200).message("replaced").endResponseMessage()
                    .responseMessage().code(201).message("created").endResponseMessage()
                    .responseMessage().code(400).message("malformed JSON, unknown field, or a field over its limit"
                            + " (the error names the field and its limit)").endResponseMessage()
                    .responseMessage().code(409).message("another user has this identity").endResponseMessage()
                    .to("direct:directory-api-user-save")
                .delete("/users/{username}").routeId("directory-api-user-deactivate")
                    .description("Deactivate a user (kept, no longer signs in; chat sessions closed)")
                    .param().name("username").type(RestParamType.path).description("1-200 characters").endParam()
                    .responseMessage().code(204).message("deactivated").endResponseMessage()
                    .responseMessage().code(404).message("no such user").endResponseMessage()
                    .to("direct:directory-api-user-deactivate")
                .post("/import").routeId("directory-api-import")
                    .description("Save many users in one transaction, all or none; the body may also be a bare array of users")
                    .type(ImportRequest.class).outType(Imported.class)
                    .responseMessage().code(400).message("malformed JSON or an invalid user (named by position)")
                            .endResponseMessage()
                    .responseMessage().code(413).message("more users than hub.acrobits.import-max-users")
                            .endResponseMessage()
                    .to("direct:directory-api-import");

        handler("directory-api-list").process(e -> answer(e, 200,
                new UserList(directory.all().stream().map(DirectoryUserView::of).toList())));
        handler("directory-api-user-show").process(this::show);
        handler("directory-api-user-save").process(this::save);
        handler("directory-api-user-deactivate").process(this::deactivate)
                .split(exchangeProperty(DirectoryEvents.DEACTIVATED_USERS))
                    .wireTap(DirectoryEvents.USER_DEACTIVATED).onPrepare(DirectoryEvents.USERNAME_ONLY)
                .end();
        // bound after authentication by ApiJsonBody: the REST DSL's binding would register the verb for
        // application/json only (clients post without a Content-Type today) and bind before authentication
        handler("directory-api-import")
                .unmarshal(new ApiJsonBody(ImportRequest.class, ApiJsonBody.NO_LIMIT, new ImportErrors()))
                .process(this::bulkImport);
    }

    /** The route behind one verb: authenticate first, JSON errors (inlined into the verb's route). */
    private org.apache.camel.model.RouteDefinition handler(String name) {
        return from("direct:" + name).routeConfigurationId(HttpErrors.ID).process("apiAuthentication");
    }

    private void show(Exchange exchange) throws JsonProcessingException {
        String username = exchange.getIn().getHeader("username", String.class);
        answer(exchange, 200, DirectoryUserView.of(directory.findByUsername(username)
                .orElseThrow(() -> HttpProblem.notFound("no user " + username))));
    }

    private void save(Exchange exchange) {
        String username = exchange.getIn().getHeader("username", String.class);
        DirectoryUserRequest request = ApiBinding.body(exchange, DirectoryUserRequest.class);
        boolean existed = directory.findByUsername(username).isPresent();
        DirectoryUser user = request.toUser(username, hasher, defaultCarrier);
        directory.save(user);
        LOG.info("event=directory-user-saved username={} created={}", username, !existed);
        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, existed ? 200 : 201);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        // marshalled by the binding (outType) with the hub's mapper
        out.setBody(DirectoryUserView.of(directory.findByUsername(username).orElseThrow()));
    }

    private void deactivate(Exchange exchange) {
        String username = exchange.getIn().getHeader("username", String.class);
        if (!directory.deactivate(username)) {
            throw HttpProblem.notFound("no user " + username);
        }
        LOG.info("event=directory-user-deactivated username={} source=api", username);
        exchange.setProperty(DirectoryEvents.DEACTIVATED_USERS, List.of(username));
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        exchange.getMessage().setBody(null);
    }

    /** Body: {"users":[…]} or a bare array, bound to ImportRequest; all users are saved in one transaction or none. */
    private void bulkImport(Exchange exchange) throws JsonProcessingException {
        List<DirectoryUserRequest> users = exchange.getIn().getBody(ImportRequest.class).users();
        if (users == null) {
            throw notAnImport();
        }
        if (users.size() > importMaxUsers) {
            throw new HttpProblem(413, "too_large", "at most " + importMaxUsers + " users per import");
        }
        List<DirectoryUser> parsed = new ArrayList<>();
        for (DirectoryUserRequest request : users) {
            if (request == null) {
                throw HttpProblem.badRequest("invalid_import", "user " + (parsed.size() + 1) + ": a user object is required");
            }
            parsed.add(request.toUser(null, hasher, defaultCarrier));
        }
        int saved = directory.saveAll(parsed);
        LOG.info("event=directory-imported users={}", saved);
        answer(exchange, 200, new Imported(saved));
    }

    private void answer(Exchange exchange, int status, Object body) throws JsonProcessingException {
        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(json.writeValueAsString(body));
    }
}
