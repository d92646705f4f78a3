package io.switchboard.ion;

import io.switchboard.HubJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.Secret;

/**
 * The ION API credentials of a backend service (.ionapi file): tenant, OAuth2 client and service
 * account. Secrets are {@link Secret}s, so a toString never shows them.
 */
public record IonCredentials(String tenantId, String clientId, Secret clientSecret, String ionUrl,
        String providerUrl, String tokenPath, String serviceAccountAccessKey, Secret serviceAccountSecretKey) {

    private static final ObjectMapper JSON = HubJson.mapper();

    /** Reads a .ionapi file; throws IllegalArgumentException naming the first missing field. */
    public static IonCredentials load(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " is not a JSON object");
        }
        return new IonCredentials(required(root, "ti"), required(root, "ci"), Secret.of(required(root, "cs")),
                required(root, "iu"), required(root, "pu"), required(root, "ot"), required(root, "saak"),
                Secret.of(required(root, "sask")));
    }

    /** IMS base URL derived from the .ionapi file (docs/ion-outbound.md): iu + "/" + ti + "/IONSERVICES/api/ion/messaging". */
    public String messagingBaseUrl() {
        return stripSlash(ionUrl) + "/" + tenantId + "/IONSERVICES/api/ion/messaging";
    }

    /** OAuth2 token endpoint: pu + ot. */
    public String tokenUrl() {
        return providerUrl + tokenPath;
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' missing in .ionapi file");
        }
        return node.asText().trim();
    }

    @Override
    public String toString() {
        return "IonCredentials[tenantId=" + tenantId + ", clientId=" + clientId + ", ionUrl=" + ionUrl
                + ", tokenUrl=" + tokenUrl() + ", secrets=****]";
    }
}
