package io.switchboard.ion;

import io.switchboard.HubJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.Deflater;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.entity.mime.ByteArrayBody;
import org.apache.hc.client5.http.entity.mime.FormBodyPartBuilder;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

/**
 * The hub's calls to ION's IMS v3 API (docs/ion-outbound.md): versions, acceptedDocuments,
 * ping and multipartMessage over camel-http ({@link IonHttp}), each answer mapped to a typed {@link IonException}.
 */
public class IonClient {

    private static final ObjectMapper JSON = HubJson.mapper();

    /** How ION should read MessagePayload. */
    public enum Encoding { NONE, DEFLATE }

    /** What the client needs besides the credentials; the base URL is empty to derive it from the .ionapi. */
    public record Settings(String baseUrlOverride, String fromLogicalId, String tenantOverride, Encoding encoding) {
    }

    private static final ContentType JSON_PART = ContentType.create("application/json");
    private static final ContentType MULTIPART = ContentType.create("multipart/form-data");

    private final IonHttp http;
    private final IonTokenCache tokens;
    private final Settings settings;
    private volatile IonCredentials credentials;
    private volatile String version = "v" + IonProtocolVersions.SPOKEN.get(IonProtocolVersions.SPOKEN.size() - 1);
    private volatile LogicalIdForm acceptedForm = LogicalIdForm.RAW;

    /**
     * How {lid} is written into the acceptedDocuments path. Infor's page shows {@code /service/v3/<logicalid>/
     * acceptedDocuments} with the plain logical id and says nothing about encoding; API gateways often refuse %2F.
     */
    public enum LogicalIdForm { RAW, ENCODED }

    public IonClient(IonHttp http, IonTokenCache tokens, Settings settings, IonCredentials credentials) {
        this.http = http;
        this.tokens = tokens;
        this.settings = settings;
        this.credentials = credentials;
    }

    /** New credentials (the file changed): the old token goes with the old credentials. */
    public void useCredentials(IonCredentials fresh) {
        this.credentials = fresh;
        tokens.invalidate();
    }

    public String baseUrl() {
        String override = settings.baseUrlOverride();
        return override.isBlank() ? credentials.messagingBaseUrl() : IonCredentials.stripSlash(override);
    }

    /** X-TenantId: hub.ion.tenant-id, default the .ionapi ti. */
    public String tenantId() {
        return settings.tenantOverride().isBlank() ? credentials.tenantId() : settings.tenantOverride();
    }

    /** The IMS version used in the paths (chosen from /service/versions). */
    public String version() {
        return version;
    }

    public void useVersion(String chosen) {
        this.version = chosen;
    }

    /** The logical id form the last successful acceptedDocuments call used. */
    public LogicalIdForm acceptedDocumentsForm() {
        return acceptedForm;
    }

    /** Initialisation step 1: the protocol versions ION offers. */
    public List<String> versions() {
        IonHttp.Response response = call(token -> get("/service/versions", token, "versions"));
        expectSuccess(response, "versions");
        return parseVersions(new String(response.body(), StandardCharsets.UTF_8));
    }

    /**
     * Initialisation step 2: the document names ION accepts from our logical id. The form that worked last is tried
     * first; a 404 tries the other form once (raw first: the form Infor's documentation shows).
     */
    public Set<String> acceptedDocuments() {
        List<LogicalIdForm> forms = new ArrayList<>();
        forms.add(acceptedForm);
        if (rawAllowed(settings.fromLogicalId())) {
            forms.add(acceptedForm == LogicalIdForm.RAW ? LogicalIdForm.ENCODED : LogicalIdForm.RAW);
        } else {
            forms.set(0, LogicalIdForm.ENCODED);
        }
        List<String> refused = new ArrayList<>();
        for (LogicalIdForm form : forms) {
            String path = acceptedDocumentsPath(form);
            IonHttp.Response response = call(token -> get(path, token, "acceptedDocuments"));
            if (response.status() == 404) {
                refused.add(path);
                continue;
            }
            expectSuccess(response, "acceptedDocuments");
            acceptedForm = form;
            return parseAcceptedDocuments(new String(response.body(), StandardCharsets.UTF_8));
        }
        throw new IonPathRefused("acceptedDocuments path refused (HTTP 404) for " + String.join(" and ", refused)
                + ": check hub.ion.logical-id against the connection point's logical id and the ION base URL");
    }

    String acceptedDocumentsPath(LogicalIdForm form) {
        String lid = settings.fromLogicalId();
        String segment = form == LogicalIdForm.RAW ? lid : URLEncoder.encode(lid, StandardCharsets.UTF_8);
        return "/service/" + version + "/" + segment + "/acceptedDocuments";
    }

    /** The raw form only when it cannot change the URL's structure (no ?, #, %, spaces). */
    static boolean rawAllowed(String logicalId) {
        return logicalId.matches("[A-Za-z0-9._~:/@!$&'()*+,;=-]+");
    }

    /** Send-cycle gate: 401/403 here means the credentials are refused (AUTH_FAILED). */
    public void ping() {
        IonHttp.Response response = call(token -> get("/service/ping", token, "ping"));
        int status = response.status();
        if (status == 401 || status == 403) {
            throw new IonAuthFailed(status, "ping refused with HTTP " + status + ": "
                    + (status == 401 ? IonAuthFailed.CREDENTIALS : IonAuthFailed.NOT_AUTHORISED_FOR_IMS),
                    status == 401);
        }
        expectSuccess(response, "ping");
    }

    /** POST /service/v3/multipartMessage; returns the HTTP status on any 2xx (ION answers 202). */
    public int send(OutboxMessage message) {
        byte[] parameters = parameterRequest(message).getBytes(StandardCharsets.UTF_8);
        byte[] payload = message.payload().getBytes(StandardCharsets.UTF_8);
        if (settings.encoding() == Encoding.DEFLATE) {
            payload = deflate(payload);
        }
        HttpEntity body = multipart("switchboard-" + UUID.randomUUID(), parameters, payload);
        String path = "/service/" + version + "/multipartMessage";
        IonHttp.Response response = call(token -> http.send("POST", baseUrl(), path,
                Map.of("Authorization", "Bearer " + token, "X-TenantId", tenantId()), body, "multipartMessage"));
        int status = response.status();
        if (status == 400) {
            throw new IonRejectedMessage("ION rejected the message (HTTP 400): " + snippet(response));
        }
        if (status == 403) {
            // IMS: "the fromLogicalId matches the logical-id related to this OAuth principle, else 403"
            throw new IonAuthFailed(403, "multipartMessage refused with HTTP 403: " + senderDiagnosis(), false);
        }
        expectSuccess(response, "multipartMessage");
        return status;
    }

    /** Why ION refuses this sender although it accepts the token: names the two settings that must match. */
    String senderDiagnosis() {
        return "ION accepts the token but not this sender. Likely cause: fromLogicalId '" + settings.fromLogicalId()
                + "' (hub.ion.logical-id) is not the logical id of the IMS via API Gateway connection point whose"
                + " 'API Gateway Client Id' is '" + credentials.clientId() + "' (the .ionapi ci), or that connection"
                + " point names another client id";
    }

    String parameterRequest(OutboxMessage message) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("documentName", message.documentName());
        fields.put("messageId", message.messageId());
        fields.put("fromLogicalId", settings.fromLogicalId());
        if (message.toLogicalId() != null && !message.toLogicalId().isBlank()) {
            fields.put("toLogicalId", message.toLogicalId());
        }
        if (message.variation() != null && !message.variation().isBlank()) {
            fields.put("variation", message.variation());
        }
        fields.put("encoding", settings.encoding().name());
        fields.put("characterSet", "UTF-8");
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One request, and once more with a fresh token when ION answers 401 (IMS: retry once on 401). */
    private IonHttp.Response call(Function<String, IonHttp.Response> request) {
        IonCredentials current = credentials;
        IonHttp.Response response = request.apply(tokens.token(current).value().reveal());
        if (response.status() == 401) {
            tokens.invalidate();
            response = request.apply(tokens.token(current).value().reveal());
            if (response.status() == 401) {
                throw new IonAuthFailed(401, "HTTP 401 again after a token refresh: " + IonAuthFailed.CREDENTIALS,
                        true);
            }
        }
        return response;
    }

    private IonHttp.Response get(String path, String token, String what) {
        return http.call("GET", baseUrl(), path, Map.of("Authorization", "Bearer " + token,
                "X-TenantId", tenantId(), "Accept", "application/json"), null, what);
    }

    private static void expectSuccess(IonHttp.Response response, String what) {
        int status = response.status();
        if (status / 100 == 2) {
            return;
        }
        if (status == 412) {
            throw new IonNotEntitled(what + ": HTTP 412 (connection point inactive or not entitled)");
        }
        throw new IonUnavailable(status, what + ": HTTP " + status);
    }

    private static String snippet(IonHttp.Response response) {
        String body = new String(response.body(), StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    /** Tolerant: ["v2","v3"], {"versions":[…]}, or [{"version":"v3"}, …]. */
    static List<String> parseVersions(String body) {
        List<String> versions = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode list = root != null && root.isObject() ? root.path("versions") : root;
            if (list != null && list.isArray()) {
                list.forEach(v -> versions.add(v.isObject() ? v.path("version").asText("") : v.asText("")));
            } else if (list != null && list.isTextual()) {
                versions.add(list.asText());
            }
        } catch (IOException e) {
            // plain text answer, e.g. "v2,v3"
            for (String v : body.split("[,\\s]+")) {
                versions.add(v);
            }
        }
        versions.removeIf(String::isBlank);
        return versions;
    }

    /** Tolerant: a list of names, or of objects with documentName (or name), optionally wrapped in an object. */
    static Set<String> parseAcceptedDocuments(String body) {
        Set<String> names = new LinkedHashSet<>();
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode list = root;
            if (root != null && root.isObject()) {
                list = root.has("acceptedDocuments") ? root.get("acceptedDocuments")
                        : root.has("documents") ? root.get("documents") : root.path("documentNames");
            }
            if (list != null && list.isArray()) {
                for (JsonNode item : list) {
                    String name = item.isObject()
                            ? item.path("documentName").asText(item.path("name").asText(""))
                            : item.asText("");
                    if (!name.isBlank()) {
                        names.add(name.trim());
                    }
                }
            }
        } catch (IOException e) {
            throw new IonUnavailable(200, "acceptedDocuments answer is not JSON");
        }
        return names;
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** The two parts ION expects, byte for byte as before: no charset on the parts or the multipart type. */
    static HttpEntity multipart(String boundary, byte[] parameters, byte[] payload) {
        return MultipartEntityBuilder.create()
                .setMode(HttpMultipartMode.STRICT)
                .setContentType(MULTIPART)
                .setBoundary(boundary)
                .addPart(FormBodyPartBuilder.create("ParameterRequest",
                        new ByteArrayBody(parameters, JSON_PART, null)).build())
                .addPart(FormBodyPartBuilder.create("MessagePayload",
                        new ByteArrayBody(payload, ContentType.APPLICATION_OCTET_STREAM, null)).build())
                .build();
    }
}
