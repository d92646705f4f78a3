package io.switchboard.acrobits;

import static io.switchboard.acrobits.AcrobitsClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three Acrobits web services and the directory, over real HTTP against the whole hub. */
class AcrobitsWebServicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestHub hub;
    private static AcrobitsClient client;

    @BeforeAll
    static void start() {
        hub = TestHub.start(Map.of("hub.acrobits.cloud-id", "ACME", "hub.api.key", AcrobitsClient.API_KEY,
                "hub.acrobits.password-iterations", "1000", "hub.acrobits.rate-limit.max-failures", "1000"));
        client = new AcrobitsClient(hub);
        assertThat(client.putUser("alice", """
                {"cloudUsername":"alice","networkId":"north","displayName":"Alice Adams","firstName":"Alice",
                 "lastName":"Adams","avatar":"https://example.com/a.png","sipUsername":"B63349F4EE",
                 "sipPassword":"45F4BF5F0E191F5DCC27","password":"alice-secret-1",
                 "phones":[{"label":"work","number":"1000","verified":true},{"label":"home","number":"1999","verified":false}],
                 "smsNumbers":[{"carrier":"sinch","number":"1234567890"},{"number":"1234567891"}]}""").statusCode())
                .isEqualTo(201);
        assertThat(client.putUser("bob", """
                {"cloudUsername":"bob","networkId":"north","displayName":"Bob Brown","password":"bob-secret-12",
                 "phones":[{"label":"work","number":"1001"}]}""").statusCode()).isEqualTo(201);
        assertThat(client.putUser("carol", """
                {"cloudUsername":"carol","networkId":"south","displayName":"Carol Clark","password":"carol-secret-1"}""")
                .statusCode()).isEqualTo(201);
        assertThat(client.putUser("dave", """
                {"networkId":"north","displayName":"Dave Desk","phones":[{"label":"work","number":"1002"}]}""")
                .statusCode()).isEqualTo(201);
        assertThat(client.putUser("erin", """
                {"cloudUsername":"erin","displayName":"Erin Evans","password":"erin-secret-12"}""").statusCode())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void authByGetQueryAnswersTheVerifiedPhonesAsXml() {
        var response = client.getQuery("/acrobits/auth",
                params("username", "alice", "password", "alice-secret-1", "host", "sip.example.com", "cloud_id", "ACME"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("xml"));
        assertThat(response.body()).contains("<phone>1000</phone>").doesNotContain("1999");
    }

    @Test
    void authByPostFormAnswersJsonWhenAskedByAcceptOrParameter() throws IOException {
        var byAccept = client.postForm("/acrobits/auth",
                params("username", "alice", "password", "alice-secret-1", "host", "h", "cloud_id", "ACME"),
                "Accept", "application/json");
        assertThat(byAccept.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(byAccept.body()).path("phones").toString()).isEqualTo("[\"1000\"]");
        var byParameter = client.postForm("/acrobits/auth",
                params("username", "alice", "password", "alice-secret-1", "cloud_id", "ACME", "format", "json"));
        assertThat(JSON.readTree(byParameter.body()).path("phones").get(0).asText()).isEqualTo("1000");
    }

    @Test
    void authRefusesWrongPasswordUnknownUserAndForeignCloudId() {
        assertThat(client.getQuery("/acrobits/auth",
                params("username", "alice", "password", "wrong-password", "cloud_id", "ACME")).statusCode()).isEqualTo(401);
        assertThat(client.getQuery("/acrobits/auth",
                params("username", "nobody", "password", "whatever-1", "cloud_id", "ACME")).statusCode()).isEqualTo(401);
        assertThat(client.getQuery("/acrobits/auth",
                params("username", "alice", "password", "alice-secret-1", "cloud_id", "OTHER")).statusCode()).isEqualTo(403);
        assertThat(client.getQuery("/acrobits/auth", params("username", "dave", "password", "no-password-set",
                "cloud_id", "ACME")).statusCode()).as("a user without a password cannot sign in").isEqualTo(401);
    }

    @Test
    void authAndProvisioningWithoutCloudIdAreRefusedInTheXmlErrorShape() {
        for (String path : List.of("/acrobits/auth", "/acrobits/provisioning")) {
            var noCloudId = client.getQuery(path, params("username", "alice", "password", "alice-secret-1",
                    "cloud_username", "alice", "cloud_password", "alice-secret-1"));
            assertThat(noCloudId.statusCode()).as(path).isEqualTo(400);
            assertThat(noCloudId.headers().firstValue("Content-Type")).hasValue("application/xml");
            assertThat(noCloudId.body()).isEqualTo(
                    "<error><message>cloud_id is required</message><code>missing_parameter</code></error>");
            var nothing = hub.get(path);
            assertThat(nothing.statusCode()).as(path).isEqualTo(400);
            assertThat(nothing.body()).startsWith("<error><message>");
        }
    }

    @Test
    void unknownUserCostsTheSameHashVerificationAsAKnownOne() {
        PasswordHasher hasher = hub.bean("acrobitsPasswordHasher", PasswordHasher.class);
        long before = hasher.verifications();
        var unknown = client.getQuery("/acrobits/auth",
                params("username", "ghost", "password", "guess-1234", "cloud_id", "ACME"));
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(hasher.verifications() - before).as("dummy hash computed for the unknown user").isEqualTo(1);
        long mid = hasher.verifications();
        client.getQuery("/acrobits/auth", params("username", "alice", "password", "guess-1234", "cloud_id", "ACME"));
        assertThat(hasher.verifications() - mid).isEqualTo(1);
    }

    @Test
    void contactsAnswerTheCallersNetworkByGetPostFormPostJsonAndBasic() throws IOException {
        List<HttpResponse<String>> answers = List.of(
                client.getQuery("/acrobits/contacts", params("username", "alice", "password", "alice-secret-1")),
                client.postForm("/acrobits/contacts", params("cloud_username", "alice", "cloud_password",
                        "alice-secret-1", "cloud_id", "ACME")),
                client.postJson("/acrobits/contacts", "{\"username\":\"alice\",\"password\":\"alice-secret-1\"}"),
                client.getBasic("/acrobits/contacts", "alice", "alice-secret-1", ""));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode contacts = JSON.readTree(answer.body()).path("contacts");
            assertThat(contacts.findValuesAsText("contactId")).containsExactly("alice", "bob", "dave");
            JsonNode bob = contacts.get(1);
            assertThat(bob.path("cloudUsername").asText()).isEqualTo("bob");
            assertThat(bob.path("networkId").asText()).isEqualTo("north");
            assertThat(bob.path("displayName").asText()).isEqualTo("Bob Brown");
            assertThat(bob.path("checksum").asText()).matches("[0-9A-F]{16}");
            assertThat(bob.path("contactEntries").get(0).path("entryId").asText()).isEqualTo("tel:0");
            assertThat(bob.path("contactEntries").get(0).path("uri").asText()).isEqualTo("1001");
            JsonNode dave = contacts.get(2);
            assertThat(dave.has("cloudUsername")).as("no cloud username = not a messaging contact").isFalse();
            assertThat(dave.has("networkId")).isFalse();
        }
    }

    @Test
    void tenantsSeeOnlyTheirOwnNetwork() throws IOException {
        var south = client.getQuery("/acrobits/contacts", params("username", "carol", "password", "carol-secret-1"));
        assertThat(JSON.readTree(south.body()).path("contacts").findValuesAsText("contactId")).contains("carol")
                .doesNotContain("alice", "bob", "dave", "erin");
        assertThat(JSON.readTree(south.body()).path("contacts").findValuesAsText("networkId")).containsOnly("south");
        var defaultNetwork = client.getQuery("/acrobits/contacts",
                params("username", "erin", "password", "erin-secret-12"));
        JsonNode erin = JSON.readTree(defaultNetwork.body()).path("contacts");
        assertThat(erin.findValuesAsText("contactId")).doesNotContain("alice", "bob", "carol", "dave");
        assertThat(erin.findValuesAsText("networkId")).containsOnly("ACME");
    }

    @Test
    void contactsAnswer304WhileUnchangedAndTheNewListAfterAChange() throws IOException {
        var first = client.getQuery("/acrobits/contacts", params("username", "carol", "password", "carol-secret-1"));
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        String etag = first.headers().firstValue("ETag").orElseThrow();
        var unchanged = client.getQuery("/acrobits/contacts", params("username", "carol", "password", "carol-secret-1"),
                "If-Modified-Since", lastModified);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        var wrongPassword = client.getQuery("/acrobits/contacts", params("username", "carol", "password", "nope-nope"),
                "If-Modified-Since", lastModified);
        assertThat(wrongPassword.statusCode()).as("304 only after authentication").isEqualTo(401);

        assertThat(client.putUser("frank", """
                {"cloudUsername":"frank","networkId":"south","displayName":"Frank Fox"}""").statusCode()).isEqualTo(201);
        var changed = client.getQuery("/acrobits/contacts", params("username", "carol", "password", "carol-secret-1"),
                "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(changed.body()).path("contacts").findValuesAsText("contactId")).contains("frank");
        var older = client.getQuery("/acrobits/contacts", params("username", "carol", "password", "carol-secret-1"),
                "If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT");
        assertThat(older.statusCode()).isEqualTo(200);
    }

    @Test
    void provisioningAnswersAccountXmlWithSipCredentialsAndSmsNumbers() {
        var response = client.getQuery("/acrobits/provisioning",
                params("cloud_username", "alice", "cloud_password", "alice-secret-1", "cloud_id", "ACME"));
        assertThat(response.statusCode()).isEqualTo(200);
        String xml = response.body().replaceAll("\\s", "");
        assertThat(xml).isEqualTo("<account><title>Switchboard</title><username>B63349F4EE</username>"
                + "<password>45F4BF5F0E191F5DCC27</password><cloud_username>alice</cloud_username>"
                + "<networkId>north</networkId><smsNumbers>"
                + "<number><carrier>sinch</carrier><number>1234567890</number></number>"
                + "<number><carrier>sinch</carrier><number>1234567891</number></number></smsNumbers></account>");
    }

    @Test
    void provisioningByPostFormDefaultsTheNetworkToTheCloudIdAndLeavesOutMissingParts() {
        var response = client.postForm("/acrobits/provisioning",
                params("cloud_username", "erin", "cloud_password", "erin-secret-12", "cloud_id", "ACME*"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<networkId>ACME</networkId>", "<cloud_username>erin</cloud_username>")
                .doesNotContain("smsNumbers", "<password>");
    }

    @Test
    void provisioningErrorsAreXmlMessages() {
        var wrong = client.getQuery("/acrobits/provisioning",
                params("cloud_username", "alice", "cloud_password", "bad-password", "cloud_id", "ACME"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Content-Type")).hasValue("application/xml");
        assertThat(wrong.body()).startsWith("<error><message>").doesNotContain("bad-password");
        var foreign = client.getQuery("/acrobits/provisioning",
                params("cloud_username", "alice", "cloud_password", "alice-secret-1", "cloud_id", "OTHER"));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("<message>unknown cloud_id</message>");
        var missing = client.postJson("/acrobits/provisioning", "{not json");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).startsWith("<error><message>");
    }

    @Test
    void syncContactMasterThroughDirectoryUpdateShowsUpInContacts() throws IOException {
        String bod = fixture("SyncContactMaster.xml");
        hub.context().createProducerTemplate().sendBody("direct:directory-update", bod);
        var contacts = client.getQuery("/acrobits/contacts", params("username", "erin", "password", "erin-secret-12"));
        JsonNode john = null;
        for (JsonNode c : JSON.readTree(contacts.body()).path("contacts")) {
            if (c.path("contactId").asText().equals("john.doe")) {
                john = c;
            }
        }
        assertThat(john).as("john.doe from ION in the default network").isNotNull();
        assertThat(john.path("cloudUsername").asText()).isEqualTo("john.doe");
        assertThat(john.path("networkId").asText()).isEqualTo("ACME");
        assertThat(john.path("fname").asText()).isEqualTo("John");
        assertThat(john.path("lname").asText()).isEqualTo("Doe");
        assertThat(john.path("displayName").asText()).isEqualTo("John Doe");
        assertThat(john.path("contactEntries").get(0).path("uri").asText()).isEqualTo("1000");
        assertThat(john.path("contactEntries").get(0).path("label").asText()).isEqualTo("work");
        assertThat(john.path("contactEntries").get(1).path("uri").asText()).isEqualTo("john.doe@example.com");

        hub.context().createProducerTemplate().sendBody("direct:directory-update",
                bod.replace("actionCode=\"Replace\"", "actionCode=\"Delete\""));
        var after = client.getQuery("/acrobits/contacts", params("username", "erin", "password", "erin-secret-12"));
        assertThat(JSON.readTree(after.body()).path("contacts").findValuesAsText("contactId")).doesNotContain("john.doe");
    }

    @Test
    void directoryUpdateWithDoctypeIsRefusedAndChangesNothing() {
        String evil = """
                <?xml version="1.0"?>
                <!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <SyncContactMaster xmlns="http://schema.infor.com/InforOAGIS/2"><DataArea><ContactMaster>
                <IDs><ID>mallory</ID></IDs><Name><FormattedName>&xxe;</FormattedName></Name></ContactMaster></DataArea>
                </SyncContactMaster>""";
        hub.context().createProducerTemplate().sendBody("direct:directory-update", evil);
        assertThat(hub.bean("directoryStore", DirectoryStore.class).findByUsername("mallory")).isEmpty();
    }

    @Test
    void adminApiNeverShowsHashesOrSipPasswordsAndNeedsTheApiKey() throws IOException {
        var list = client.admin("GET", "/api/directory/users", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"username\":\"alice\"", "\"hasPassword\":true", "\"hasSipPassword\":true")
                .doesNotContain("pbkdf2", "45F4BF5F0E191F5DCC27", "alice-secret-1");
        var one = client.admin("GET", "/api/directory/users/alice", null);
        assertThat(JSON.readTree(one.body()).path("sipUsername").asText()).isEqualTo("B63349F4EE");
        assertThat(one.body()).doesNotContain("pbkdf2", "45F4BF5F0E191F5DCC27");
        assertThat(hub.get("/api/directory/users").statusCode()).isEqualTo(401);
        assertThat(client.admin("GET", "/api/directory/users/nobody", null).statusCode()).isEqualTo(404);
        var weak = client.putUser("weak", "{\"password\":\"short\"}");
        assertThat(weak.statusCode()).isEqualTo(400);
        var malformed = client.putUser("broken", "{\"password\":\"my-secret-password\"");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContain("my-secret-password");
        var unknownField = client.putUser("typo", "{\"pasword\":\"x\"}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
    }

    @Test
    void bulkImportCreatesUsersThatCanSignInAndDeleteDeactivates() {
        var imported = client.admin("POST", "/api/directory/import", """
                {"users":[{"username":"gina","cloudUsername":"gina","networkId":"west","password":"gina-secret-1"},
                          {"username":"hank","cloudUsername":"hank","networkId":"west","password":"hank-secret-1"}]}""");
        assertThat(imported.statusCode()).isEqualTo(200);
        assertThat(imported.body()).contains("\"imported\":2");
        var contacts = client.getBasic("/acrobits/contacts", "hank", "hank-secret-1", "");
        assertThat(contacts.body()).contains("\"gina\"", "\"hank\"");
        var broken = client.admin("POST", "/api/directory/import", """
                [{"username":"ivan","password":"ivan-secret-1"},{"password":"no-name-here"}]""");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(hub.bean("directoryStore", DirectoryStore.class).findByUsername("ivan"))
                .as("all or nothing").isEmpty();

        assertThat(client.admin("DELETE", "/api/directory/users/gina", null).statusCode()).isEqualTo(204);
        assertThat(client.getBasic("/acrobits/contacts", "gina", "gina-secret-1", "").statusCode()).isEqualTo(401);
        assertThat(client.getBasic("/acrobits/contacts", "hank", "hank-secret-1", "").body()).doesNotContain("\"gina\"");
    }

    @Test
    void oversizedAndMalformedRequestsAreRefusedWith4xx() {
        String huge = "{\"username\":\"alice\",\"pad\":\"" + "x".repeat(20_000) + "\"}";
        var contacts = client.postJson("/acrobits/contacts", huge);
        assertThat(contacts.statusCode()).isEqualTo(413);
        assertThat(contacts.body()).startsWith("<error><message>").contains("<code>too_large</code>");
        var provisioning = client.postJson("/acrobits/provisioning", huge);
        assertThat(provisioning.statusCode()).isEqualTo(413);
        assertThat(provisioning.body()).startsWith("<error><message>");
        var malformed = client.postJson("/acrobits/auth", "[1,2]");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed_json");
    }

    @Test
    void acrobitsRegistersItsPeerMonitor() {
        var monitors = hub.bean("peerMonitors", io.switchboard.ops.PeerMonitors.class);
        var acrobits = monitors.find("acrobits").orElseThrow();
        assertThat(acrobits.enabled()).isTrue();
        assertThat(acrobits.queueDepths()).containsKey("directoryActiveUsers");
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = AcrobitsWebServicesTest.class.getResourceAsStream("/acrobits/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
