package io.switchboard.ion;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import io.switchboard.TestHub;
import io.switchboard.ops.PeerMonitors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** POST /api/ion/outbox on a hub without ION credentials: ION outbound is disabled but queues. */
class OutboxApiTest {

    private static IonTestHub t;

    @BeforeAll
    static void start() {
        t = IonTestHub.start(FakeIon.start(), Map.of("hub.ion.credentials-file", ""), false);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void acceptedBodIsStoredAsQueuedBeforeThe202() throws Exception {
        HttpResponse<String> response = t.post("{\"documentName\":\"SyncSalesOrder\",\"toLogicalId\":\"lid://m3\","
                + "\"variation\":\"1\",\"payload\":\"<SyncSalesOrder/>\"}", true);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("messageId").asText();
        var row = t.message(id);
        assertThat(row.status()).isEqualTo("QUEUED");
        assertThat(row.payload()).isEqualTo("<SyncSalesOrder/>");
        assertThat(row.toLogicalId()).isEqualTo("lid://m3");
        assertThat(row.parameters()).contains("\"variation\":\"1\"");
    }

    @Test
    void requestWithoutCredentialsIsRefused() {
        HttpResponse<String> response = t.post("{\"documentName\":\"SyncSalesOrder\",\"payload\":\"<a/>\"}", false);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"error\":\"unauthorized\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"payload\":\"<a/>\"}|missing_field",
        "{\"documentName\":\"SyncSalesOrder\"}|missing_field",
        "{\"documentName\":\"Sync SalesOrder\",\"payload\":\"<a/>\"}|invalid_field",
        "{\"documentName\":42,\"payload\":\"<a/>\"}|invalid_field",
        "{\"documentName\":\"SyncSalesOrder\",\"payload\":\"not xml\"}|invalid_payload",
        "{\"documentName\":\"SyncSalesOrder\",\"payload\":\"<a><b></a>\"}|invalid_payload",
        "{\"documentName\":\"SyncSalesOrder\",\"payload\":\"<!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><a>&x;</a>\"}|invalid_payload",
        "not json|invalid_json",
        "[1,2]|invalid_json"})
    void malformedRequestIsA400WithAJsonError(String body, String code) {
        HttpResponse<String> response = t.post(body, true);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"" + code + "\"").doesNotContain("passwd");
    }

    @Test
    void oversizedRequestIsA413() {
        String big = "<a>" + "x".repeat(11 * 1024 * 1024) + "</a>";
        HttpResponse<String> response = t.post("{\"documentName\":\"SyncSalesOrder\",\"payload\":\"" + big + "\"}", true);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"error\":\"too_large\"");
    }

    @Test
    void withoutCredentialsIonOutboundIsDisabledButTheHubRuns() {
        var monitor = t.hub.bean("peerMonitors", PeerMonitors.class).find("ion").orElseThrow();

        assertThat(monitor.enabled()).isFalse();
        assertThat(monitor.state()).isEqualTo("DISABLED");
        assertThat(monitor.lastError()).contains("hub.ion.credentials-file not set");
        assertThat(t.hub.get("/observe/health").statusCode()).isEqualTo(200);
    }

    @Test
    void invalidCredentialsFileDisablesIonOutboundWithoutACrash() throws Exception {
        java.nio.file.Path file = TestHub.tempDir().resolve("broken.ionapi");
        java.nio.file.Files.writeString(file, "{\"ti\":\"ACME\"}");
        try (IonTestHub broken = IonTestHub.start(FakeIon.start(), Map.of("hub.ion.credentials-file", file.toString()),
                false)) {
            var monitor = broken.hub.bean("peerMonitors", PeerMonitors.class).find("ion").orElseThrow();
            assertThat(monitor.enabled()).isFalse();
            assertThat(monitor.lastError()).contains("field 'ci' missing");
            assertThat(broken.enqueue("SyncSalesOrder", "<a/>")).isNotBlank();
        }
    }
}
