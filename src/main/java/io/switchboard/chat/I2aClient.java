package io.switchboard.chat;

import io.switchboard.HubJson;
import java.io.IOException;
import java.util.List;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I2A Chat server-to-server API over camel-http: form-encoded requests with header
 * X-Application-Secret; status codes become I2aRejected (4xx), I2aAuthFailed (401) or
 * I2aUnavailable (5xx, timeouts). The secret lives only on the request sent here.
 */
public class I2aClient {

    public static final String SECRET_HEADER = "X-Application-Secret";
    /** Registry name of the HttpClientConfigurer that turns off Apache HttpClient's own retries. */
    public static final String NO_AUTOMATIC_RETRIES = "i2aHttpClientConfigurer";

    private static final Logger LOG = LoggerFactory.getLogger(I2aClient.class);
    private static final ObjectMapper JSON = HubJson.mapper();

    private final I2aSettings settings;
    private final I2aLink link;
    private final ProducerTemplate template;
    private final String endpointUri;

    public I2aClient(I2aSettings settings, I2aLink link, ProducerTemplate template) {
        this.settings = settings;
        this.link = link;
        this.template = template;
        // our own status handling; timeouts per endpoint so other peers' http calls are unaffected
        this.endpointUri = settings.baseUrl() + "?throwExceptionOnFailure=false"
                + "&connectTimeout=" + settings.connectTimeoutMillis()
                + "&responseTimeout=" + settings.responseTimeoutMillis()
                + "&soTimeout=" + settings.responseTimeoutMillis()
                // retries are the chat redelivery policy's job, not hidden inside the HTTP client
                + "&httpClientConfigurer=#" + NO_AUTOMATIC_RETRIES;
    }

    /** chat-room/ → the new room's I2A identifier. */
    public String createRoom(String type, List<String> users) {
        String body = call("POST", "chat-room/", I2aForm.empty()
                .withEach("application_users_identifiers", users).with("type", type), "create-room");
        return field(body, "identifier", "create-room");
    }

    public void addUsers(String roomId, List<String> users) {
        call("POST", "chat-room/" + roomId + "/add-users/",
                I2aForm.empty().withEach("application_users_identifiers", users), "add-users");
    }

    public void removeUsers(String roomId, List<String> users) {
        call("POST", "chat-room/" + roomId + "/remove-users/",
                I2aForm.empty().withEach("application_users_identifiers", users), "remove-users");
    }

    /** DELETE chat-room/{id}/; a room I2A no longer knows (404) counts as deleted. */
    public void deleteRoom(String roomId) {
        try {
            call("DELETE", "chat-room/" + roomId + "/", I2aForm.empty(), "delete-room");
        } catch (I2aRejected e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /** session/open-session/ → the session token for the client app. */
    public String openSession(String user, String deviceId, String customDataJson, String fcmToken) {
        String body = call("POST", "session/open-session/", I2aForm.empty()
                .with("application_user_identifier", user)
                .with("device_identifier", deviceId)
                .with("custom_data", customDataJson)
                .with("fcm_token", fcmToken), "open-session");
        return field(body, "token", "open-session");
    }

    public void closeSession(String user, String deviceId) {
        call("POST", "session/close-session/", I2aForm.empty()
                .with("application_user_identifier", user)
                .with("device_identifier", deviceId), "close-session");
    }

    public void sendSystemMessage(String roomId, String message) {
        call("POST", "system-message/send-system-message/", I2aForm.empty()
                .with("chat_room_identifier", roomId).with("message", message), "send-system-message");
    }

    private String call(String method, String path, I2aForm form, String operation) {
        link.checkCallsAllowed();
        Exchange reply = template.send(endpointUri, exchange -> {
            var in = exchange.getIn();
            in.setHeader(Exchange.HTTP_METHOD, method);
            in.setHeader(Exchange.HTTP_PATH, path);
            in.setHeader(SECRET_HEADER, settings.appSecret().reveal());
            in.setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded; charset=UTF-8");
            in.setHeader("Accept", "application/json");
            in.setBody("DELETE".equals(method) ? null : form.encoded());
        });
        if (reply.getException() != null) {
            Exception e = reply.getException();
            String error = operation + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            link.unavailable(error);
            LOG.warn("event=i2a-call-failed operation={} error=\"{}\"", operation, error);
            throw new I2aUnavailable(error, e);
        }
        int status = reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = reply.getMessage().getBody(String.class);
        body = body == null ? "" : body;
        LOG.debug("event=i2a-response operation={} status={} body={}", operation, status, body);
        if (status >= 200 && status < 300) {
            link.succeeded();
            LOG.info("event=i2a-call operation={} status={}", operation, status);
            return body;
        }
        String error = operation + " answered " + status + ": " + abbreviate(body);
        if (status == 401) {
            link.authFailed(error);
            throw new I2aAuthFailed("I2A refused the application secret (401) on " + operation);
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            link.rejected(error);
            LOG.warn("event=i2a-call-rejected operation={} status={} body=\"{}\"", operation, status, abbreviate(body));
            throw new I2aRejected(operation, status, abbreviate(body));
        }
        link.unavailable(error);
        LOG.warn("event=i2a-call-failed operation={} status={}", operation, status);
        throw new I2aUnavailable(error, null);
    }

    private static String field(String body, String name, String operation) {
        try {
            JsonNode value = JSON.readTree(body).get(name);
            if (value == null || value.asText().isBlank()) {
                throw new I2aRejected(operation, 201, "answer without \"" + name + "\": " + abbreviate(body));
            }
            return value.asText();
        } catch (IOException e) {
            throw new I2aRejected(operation, 201, "answer is not JSON: " + abbreviate(body));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }

}
