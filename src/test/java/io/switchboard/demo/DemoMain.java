package io.switchboard.demo;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.TestHub;
import io.switchboard.alert.FakePushover;
import io.switchboard.chat.FakeI2a;
import io.switchboard.ion.FakeIon;

/**
 * `make demo`: the whole hub on H2 with sandbox peers on loopback, fed the sample BODs through the IMS
 * endpoint and one BOD through the outbox, telling what happened. `--check` (make demo CHECK=1) exits 1
 * when anything did not arrive; without it the hub keeps running for the links until Ctrl-C.
 */
public final class DemoMain {

    private final TestHub hub;
    private final SandboxPeers peers;
    private final HubCalls calls;
    private final DemoChecks checks = new DemoChecks();

    private DemoMain(TestHub hub, SandboxPeers peers) {
        this.hub = hub;
        this.peers = peers;
        this.calls = new HubCalls(hub);
    }

    public static void main(String[] args) throws Exception {
        boolean check = args.length > 0 && args[0].equals("--check");
        long started = System.nanoTime();
        Path workDir = TestHub.tempDir();
        SandboxPeers peers = SandboxPeers.start();
        Map<String, String> props = peers.hubProperties(workDir);
        String port = System.getenv("DEMO_PORT");
        if (port != null && !port.isBlank()) {
            props.put("camel.server.port", port);
        }
        TestHub hub = TestHub.start(props);
        DemoMain demo = new DemoMain(hub, peers);
        int failures;
        try {
            System.out.println();
            System.out.println("Switchboard demo: the hub on H2 (" + workDir + "), sandbox peers on loopback");
            System.out.println("  " + peers.describe());
            System.out.println("  hub log: target/demo/hub.log");
            demo.run();
            failures = demo.summary((System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            hub.close();
            peers.close();
            throw e;
        }
        if (check) {
            hub.close();
            peers.close();
            System.exit(failures == 0 ? 0 : 1);
        }
        System.out.println("The hub keeps running with its sandbox peers; Ctrl-C stops it.");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.close();
            peers.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private void run() {
        String contactId = contactMaster();
        escalation();
        foldedAlerts();
        unrouted();
        duplicate(contactId);
        String outboundId = outbox();
        journey(outboundId);
    }

    /** ION sends contact master data: the directory (Acrobits contacts) learns john.doe. */
    private String contactMaster() {
        String id = HubCalls.newMessageId();
        step(1, "ION -> hub: SyncContactMaster", calls.postToIms("SyncContactMaster", id,
                HubCalls.sampleBod("SyncContactMaster.xml")), id);
        routed(id, "directory-update-sink");
        if (checks.expect("directory user john.doe from the BOD",
                () -> calls.api("GET", "/api/directory/users/john.doe", null).statusCode() == 200)) {
            JsonNode user = HubCalls.read(calls.api("GET", "/api/directory/users/john.doe", null).body());
            System.out.println("     directory updated: john.doe \"" + user.path("displayName").asText()
                    + "\" network " + user.path("networkId").asText() + "   (GET /api/directory/users/john.doe)");
        }
        // foo.bar is added by a directory admin, as an app back end would
        calls.api("PUT", "/api/directory/users/foo.bar",
                Map.of("cloudUsername", "foo.bar", "networkId", "north", "displayName", "Foo Bar"));
        return id;
    }

    /** An escalated service order: chat room with its people, a system message in it, a Pushover alert. */
    private void escalation() {
        String id = HubCalls.newMessageId();
        step(2, "ION -> hub: SyncServiceOrder (status Escalated)", calls.postToIms("SyncServiceOrder", id,
                HubCalls.sampleBod("SyncServiceOrder-escalated.xml")), id);
        routed(id, "escalation-chat,escalation-alert");
        if (checks.expect("I2A chat room with a system message", () -> room() != null)) {
            FakeI2a.Room room = room();
            System.out.println("     chat room " + room.identifier() + " (" + room.type() + ") members "
                    + room.members() + " in I2A");
            System.out.println("     system message: \"" + room.messages().get(0) + "\"");
        }
        if (checks.expect("Pushover alert for the escalation", () -> pushed("escalated") >= 1)) {
            System.out.println("     Pushover alert sent: \"" + lastPushed("escalated").body().getString("title") + "\"");
        }
    }

    /** The same escalation twice more within the window: one "(×N)" alert instead of two. */
    private void foldedAlerts() {
        System.out.println(" 3. ION -> hub: the same escalation twice more (new message ids)");
        for (int i = 0; i < 2; i++) {
            calls.postToIms("SyncServiceOrder", HubCalls.newMessageId(),
                    HubCalls.sampleBod("SyncServiceOrder-escalated.xml"));
        }
        if (checks.expect("the repeats folded into one (×2) Pushover alert",
                () -> lastPushed("escalated") != null && lastPushed("escalated").message().contains("×2"))) {
            System.out.println("     alerts folded: 3 escalations -> " + pushed("escalated")
                    + " Pushover requests, the last: \"" + lastPushed("escalated").message() + "\"");
        }
    }

    /** A document no rule routes: kept as UNROUTED (replayable), one alert per document type. */
    private void unrouted() {
        String id = HubCalls.newMessageId();
        step(4, "ION -> hub: SyncSalesOrder (no routing rule)", calls.postToIms("SyncSalesOrder", id,
                HubCalls.sampleBod("SyncSalesOrder.xml")), id);
        if (checks.expect("message " + id + " kept as UNROUTED",
                () -> "UNROUTED".equals(calls.journey(id).path("status").asText()))) {
            System.out.println("     stored, no rule matched: kept as UNROUTED (replayable once a rule exists)");
        }
        if (checks.expect("Pushover alert for the unrouted document", () -> pushed("Unrouted") >= 1)) {
            System.out.println("     Pushover alert sent: \"" + lastPushed("Unrouted").body().getString("title") + "\"");
        }
    }

    /** ION retries a message it already delivered: acknowledged, not processed twice. */
    private void duplicate(String contactId) {
        HttpResponse<String> again = calls.postToIms("SyncContactMaster", contactId,
                HubCalls.sampleBod("SyncContactMaster.xml"));
        System.out.println(" 5. ION -> hub: SyncContactMaster again with message id " + contactId + " -> "
                + again.statusCode() + " (acknowledged, processed once)");
        checks.expect("duplicate acknowledged with 2xx", () -> again.statusCode() / 100 == 2);
    }

    /** An internal system queues a BOD for ION; the session sends it to the fake ION. */
    private String outbox() {
        String bod = HubCalls.sampleBod("SyncSalesOrder.xml");
        String id = calls.enqueueForIon("SyncSalesOrder", bod);
        System.out.println(" 6. system -> hub -> ION: POST /api/ion/outbox SyncSalesOrder -> 202 messageId=" + id);
        if (checks.expect("ION received the outbox message",
                () -> peers.ion.received().stream().anyMatch(r -> id.equals(r.messageId())))) {
            FakeIon.Received received = peers.ion.received().stream()
                    .filter(r -> id.equals(r.messageId())).findFirst().orElseThrow();
            System.out.println("     ION received " + received.documentName() + " for tenant " + received.tenantId()
                    + " (multipartMessage, bearer token from the .ionapi credentials)");
        }
        checks.expect("outbox message SENT", () -> "SENT".equals(calls.journey(id).path("status").asText()));
        return id;
    }

    private void journey(String id) {
        JsonNode message = calls.journey(id);
        System.out.println(" 7. journey of " + id + "   (GET /api/admin/messages/" + id + ")");
        System.out.println("     " + message.path("direction").asText() + " " + message.path("documentName").asText()
                + " status=" + message.path("status").asText() + " attempts=" + message.path("attempts").asInt());
        for (JsonNode event : message.path("events")) {
            System.out.println("       " + event.path("at").asText() + "  " + event.path("event").asText()
                    + (event.path("detail").isNull() ? "" : "  " + event.path("detail").asText()));
        }
        checks.expect("journey lists events", () -> message.path("events").size() > 0);
    }

    private int summary(long millis) {
        HttpResponse<String> health = hub.get("/observe/health");
        System.out.println();
        System.out.println("Health:  " + hub.url("/observe/health") + "  -> " + health.statusCode() + " "
                + HubCalls.read(health.body()).path("status").asText());
        System.out.println("Metrics: " + hub.url("/observe/metrics"));
        System.out.println("API:     curl -H 'X-API-Key: " + SandboxPeers.API_KEY + "' "
                + hub.url("/api/admin/dead-letters"));
        int failures = checks.failed().size();
        System.out.println();
        if (failures == 0) {
            System.out.println("Demo: everything arrived (" + checks.passed() + " checks) in " + millis + " ms.");
        } else {
            System.out.println("Demo: " + failures + " of " + (failures + checks.passed())
                    + " checks did NOT arrive: " + checks.failed());
        }
        return failures;
    }

    private void step(int n, String what, HttpResponse<String> answer, String messageId) {
        System.out.println(String.format("%2d. %s -> %d  messageId=%s", n, what, answer.statusCode(), messageId));
        checks.expect(what + " acknowledged with 202", () -> answer.statusCode() == 202);
    }

    private void routed(String messageId, String route) {
        if (checks.expect("message " + messageId + " routed to " + route,
                () -> route.equals(calls.journey(messageId).path("route").asText()))) {
            JsonNode message = calls.journey(messageId);
            System.out.println("     stored, then routed to " + message.path("route").asText()
                    + " (status " + message.path("status").asText() + ")");
        }
    }

    private FakeI2a.Room room() {
        return peers.i2a.rooms().values().stream().filter(r -> !r.messages().isEmpty()).findFirst().orElse(null);
    }

    private long pushed(String titleContains) {
        return peers.pushover.accepted().stream().filter(r -> title(r).contains(titleContains)).count();
    }

    private FakePushover.Received lastPushed(String titleContains) {
        return peers.pushover.accepted().stream().filter(r -> title(r).contains(titleContains))
                .reduce((a, b) -> b).orElse(null);
    }

    private static String title(FakePushover.Received received) {
        String title = received.body().getString("title");
        return title == null ? "" : title;
    }
}
