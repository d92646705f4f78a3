package io.switchboard.acrobits;

import io.switchboard.HubJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * /acrobits/contacts — the web-service contact source of the app: the caller's network as Acrobits
 * contacts JSON. Messaging contacts carry cloudUsername + networkId; users without a cloud username
 * are listed as plain (call-only) contacts without those two keys.
 */
public class ContactsRoutes extends RouteBuilder {

    private static final ObjectMapper JSON = HubJson.mapper();

    private final AcrobitsAuthenticator authenticator;
    private final DirectoryStore directory;

    public ContactsRoutes(AcrobitsAuthenticator authenticator, DirectoryStore directory) {
        this.authenticator = authenticator;
        this.directory = directory;
    }

    @Override
    public void configure() {
        from("platform-http:/acrobits/contacts?httpMethodRestrict=GET,POST").routeId("acrobits-contacts")
                .routeConfigurationId(AcrobitsErrors.ID)
                .process(this::answer);
    }

    void answer(Exchange exchange) throws JsonProcessingException {
        Map<String, String> params = RequestParameters.of(exchange);
        // the portal template may name them like the auth service or like provisioning
        params.putIfAbsent("username", params.getOrDefault("cloud_username", null));
        params.putIfAbsent("password", params.getOrDefault("cloud_password", null));
        AcrobitsCredentials credentials = AcrobitsAuthenticator.credentials(params, "username", "password",
                RequestParameters.remoteAddress(exchange));
        DirectoryUser caller = authenticator.authenticate("contacts", credentials,
                AcrobitsAuthRoutes.secret(exchange, params), false);

        Instant lastModified = directory.lastModified().orElse(Instant.EPOCH).truncatedTo(ChronoUnit.SECONDS);
        String ifModifiedSince = exchange.getIn().getHeader("If-Modified-Since", String.class);
        String ifNoneMatch = exchange.getIn().getHeader("If-None-Match", String.class);
        String network = caller.networkOr(authenticator.cloudId());
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (DirectoryUser user : directory.activeInNetwork(network, authenticator.cloudId())) {
            contacts.add(contact(user, network));
        }
        String body = JSON.writeValueAsString(Map.of("contacts", contacts));
        String etag = "\"" + checksum(body) + "\"";
        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.atOffset(ZoneOffset.UTC)));
        out.setHeader("ETag", etag);
        out.setHeader("Cache-Control", "private, no-cache");
        // RFC 9110 13.2.2: If-None-Match (exact) wins over If-Modified-Since (one-second resolution)
        boolean notModified = ifNoneMatch != null ? ifNoneMatch.contains(etag)
                : notModifiedSince(ifModifiedSince, lastModified);
        if (notModified) {
            out.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            out.setBody(null);
            return;
        }
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        out.setBody(body);
    }

    static boolean notModifiedSince(String header, Instant lastModified) {
        if (header == null || header.isBlank()) {
            return false;
        }
        try {
            Instant since = DateTimeFormatter.RFC_1123_DATE_TIME.parse(header.trim(), Instant::from);
            return !lastModified.isAfter(since);
        } catch (DateTimeParseException e) {
            return false; // an unparseable date is ignored, as HTTP says
        }
    }

    static Map<String, Object> contact(DirectoryUser user, String network) throws JsonProcessingException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("contactId", user.username());
        if (user.cloudUsername() != null) {
            c.put("cloudUsername", user.cloudUsername());
            c.put("networkId", network);
        }
        putIfPresent(c, "displayName", user.displayName());
        putIfPresent(c, "fname", user.firstName());
        putIfPresent(c, "lname", user.lastName());
        putIfPresent(c, "avatar", user.avatarUrl());
        putIfPresent(c, "largeAvatar", user.largeAvatarUrl());
        List<Map<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < user.phones().size(); i++) {
            DirectoryPhone phone = user.phones().get(i);
            entries.add(entry("tel:" + i, phone.label(), "tel", phone.number()));
        }
        if (user.email() != null) {
            entries.add(entry("email:0", "work", "email", user.email()));
        }
        c.put("contactEntries", entries);
        // Acrobits: the checksum changes whenever the contact changes, so the app can skip unchanged ones
        c.put("checksum", checksum(JSON.writeValueAsString(c)));
        return c;
    }

    private static Map<String, String> entry(String id, String label, String type, String uri) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("entryId", id);
        e.put("label", label);
        e.put("type", type);
        e.put("uri", uri);
        return e;
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    static String checksum(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
