package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.management.ObjectName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.TestHub;
import io.switchboard.alert.AlertHeaders;
import io.switchboard.ops.LogLines;
import io.switchboard.ops.RouteTableVersion;
import org.apache.camel.Route;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Safe reload under a running hub (hub.routes.reload.enabled, as make run sets it): a route directory in a
 * temp folder holds the shipped routes plus a probe file the tests edit the way an editor saves.
 */
class SafeRouteReloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RELOAD = Duration.ofSeconds(20);

    private Path routes;
    private Path probe;
    private TestHub hub;
    private final List<String> alertKeys = new CopyOnWriteArrayList<>();

    static String probeRoutes(String answer, String extraRouteId) {
        return """
                - route:
                    id: reload-probe
                    from:
                      uri: direct:reload-probe
                      steps:
                        - delay:
                            simple: "${header.ProbeDelay}"
                        - setBody:
                            constant: "%s"
                - route:
                    id: %s
                    from:
                      uri: direct:%s
                      steps:
                        - setBody:
                            constant: "%s"
                """.formatted(answer, extraRouteId, extraRouteId, extraRouteId);
    }

    @BeforeEach
    void start() throws IOException {
        routes = TestHub.tempDir().resolve("routes");
        Files.createDirectories(routes);
        try (var shipped = Files.list(Path.of("routes"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        probe = routes.resolve("reload-probe.camel.yaml");
        Files.writeString(probe, probeRoutes("v1", "reload-probe-old"));
        hub = TestHub.start(Map.of(
                "camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml",
                "hub.routes.reload.enabled", "true",
                "hub.routes.reload.directory", routes.toString()));
        hub.context().getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeSendingEvent sending
                        && sending.getEndpoint().getEndpointUri().equals("direct://alert");
            }

            @Override
            public void notify(CamelEvent event) {
                alertKeys.add(((CamelEvent.ExchangeSendingEvent) event).getExchange().getIn()
                        .getHeader(AlertHeaders.DEDUP_KEY, String.class));
            }
        });
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void goodEditSwapsOnlyThatFilesRoutesAndLetsInFlightMessagesFinish() throws Exception {
        Route dispatch = hub.context().getRoute("ion-dispatch");
        Route alertIntake = hub.context().getRoute("alert-intake");
        String before = version().hash();
        CompletableFuture<Object> inFlight = hub.context().createProducerTemplate()
                .asyncRequestBodyAndHeader("direct:reload-probe", "x", "ProbeDelay", 8000);
        await().atMost(RELOAD).until(() -> hub.context().getInflightRepository().size("reload-probe") == 1);

        save(probe, probeRoutes("v2", "reload-probe-new"));
        // the old route's consumer stops first, then the route waits for the in-flight message
        List<String> healthDuringSwap = new ArrayList<>();
        while (!inFlight.isDone()) {
            var health = hub.get("/observe/health");
            healthDuringSwap.add(health.statusCode() + " " + health.body());
        }
        assertThat(healthDuringSwap).as("a planned swap is not an outage").isNotEmpty()
                .allSatisfy(h -> assertThat(h).startsWith("200"));

        assertThat(inFlight.get(RELOAD.toSeconds(), TimeUnit.SECONDS)).as("finished on the old route").isEqualTo("v1");
        await().atMost(RELOAD).until(() -> hub.context().getRoute("reload-probe-new") != null);
        assertThat(probe("x")).isEqualTo("v2");
        assertThat(hub.context().getRoute("reload-probe-old")).as("dropped from the file").isNull();
        assertThat(hub.context().getRoute("reload-probe-new")).isNotNull();
        assertThat(hub.context().getRoute("ion-dispatch")).as("other file untouched").isSameAs(dispatch);
        assertThat(hub.context().getRoute("alert-intake")).as("Java route untouched").isSameAs(alertIntake);
        assertThat(version().hash()).isNotEqualTo(before);
        assertThat(version().files()).contains("reload-probe.camel.yaml", "dispatch.camel.yaml");
    }

    @Test
    void brokenEditsAreRejectedWithFileAndLineWhileTheOldRoutesServe() throws Exception {
        String before = version().hash();
        String v1 = probeRoutes("v1", "reload-probe-old");
        record Broken(String content, int line, String reason) {
        }
        List<Broken> edits = List.of(
                new Broken(v1.replace("constant: \"v1\"", "constant: \"v1\": x"), 9, "not valid YAML"),
                new Broken(v1.replace("constant: \"v1\"", "constant: \"{{hub.no-such-property}}\""), 9,
                        "property hub.no-such-property is not set"),
                new Broken(v1.replace("- setBody:\n            constant: \"v1\"",
                        "- to: nosuchcomponent:foo"), 8, "no Camel component nosuchcomponent"),
                // only starting the route finds this one: the validator cannot parse simple expressions
                new Broken(v1.replace("constant: \"v1\"", "simple: \"${header.x\""), 9, "simple"));
        for (Broken edit : edits) {
            save(probe, edit.content());
            await().atMost(RELOAD).untilAsserted(() -> assertThat(health().path("lastRejectedEdit").path("reason")
                    .asText()).contains(edit.reason()));
            JsonNode rejected = health().path("lastRejectedEdit");
            assertThat(rejected.path("file").asText()).endsWith("reload-probe.camel.yaml");
            assertThat(rejected.path("line").asInt()).as(edit.reason()).isEqualTo(edit.line());
            assertThat((String) ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new ObjectName("Switchboard:type=Hub"), "LastRejectedRouteEdit"))
                    .contains("reload-probe.camel.yaml:" + edit.line() + ": ");
            assertThat(probe("x")).as("old route still serves").isEqualTo("v1");
            assertThat(version().hash()).isEqualTo(before);
            save(probe, v1); // back to good: the next broken edit is a change again
            await().atMost(RELOAD).until(() -> hub.bean("safeRouteReload", SafeRouteReload.class) != null
                    && "v1".equals(probe("x")));
        }
        assertThat(alertKeys).contains("routes.edit-rejected.reload-probe.camel.yaml");
        var finalHealth = hub.get("/observe/health");
        assertThat(finalHealth.statusCode()).as(finalHealth.body()).isEqualTo(200);
    }

    @Test
    void anErrorHandlingEditIsCheckedLikeARouteFileAndAValidOneWaitsForTheNextStart() throws Exception {
        Path errorHandling = routes.resolve("error-handling.camel.yaml");
        String shipped = Files.readString(errorHandling);
        Route chat = hub.context().getRoute("chat-event");
        String before = version().hash();

        save(errorHandling, shipped.replace("{{hub.redelivery.chat.initial-delay}}", "{{hub.redelivery.chat.delay}}"));
        await().atMost(RELOAD).untilAsserted(() -> assertThat(health().path("lastRejectedEdit").path("reason").asText())
                .contains("property hub.redelivery.chat.delay is not set"));
        assertThat(health().path("lastRejectedEdit").path("file").asText()).endsWith("error-handling.camel.yaml");
        assertThat(alertKeys).contains("routes.edit-rejected.error-handling.camel.yaml");

        try (LogLines log = LogLines.capture()) {
            save(errorHandling, shipped.replace("Default for every route", "Default for all routes"));
            await().atMost(RELOAD).until(() -> log.text().contains("event=route-configurations-changed file="
                    + errorHandling + " applies=next-start"));
        }
        assertThat(hub.context().getRoute("chat-event")).as("routes keep the handling they started with").isSameAs(chat);
        assertThat(version().hash()).isEqualTo(before);
        assertThat(probe("x")).isEqualTo("v1");
    }

    @Test
    void removingAFileRemovesOnlyItsRoutes() throws Exception {
        Route dispatch = hub.context().getRoute("ion-dispatch");

        Files.delete(probe);

        await().atMost(RELOAD).until(() -> hub.context().getRoute("reload-probe") == null
                && hub.context().getRoute("reload-probe-old") == null);
        assertThat(hub.context().getRoute("ion-dispatch")).isSameAs(dispatch);
        assertThat(version().files()).doesNotContain("reload-probe.camel.yaml").contains("dispatch.camel.yaml");
    }

    @Test
    void aConsumerJavaRoutesStillCallCannotBeRenamedOrDeleted() throws Exception {
        Path alertRules = routes.resolve("alert-rules.camel.yaml");
        Route rules = hub.context().getRoute("alert-rules");

        save(alertRules, Files.readString(alertRules).replace("uri: direct:alert-rules\n", "uri: direct:alert-rulez\n"));
        await().atMost(RELOAD).untilAsserted(() -> assertThat(health().path("lastRejectedEdit").path("reason").asText())
                .isEqualTo("direct:alert-rules is still called by route alert-accept (keep a route that starts from it)"));
        Files.delete(alertRules);
        await().atMost(RELOAD).untilAsserted(() -> assertThat(health().path("lastRejectedEdit").path("reason").asText())
                .startsWith("file removed, but direct:alert-rules is still called by route alert-accept"));

        assertThat(hub.context().getRoute("alert-rules")).isSameAs(rules);
        assertThat(hub.context().getRouteController().getRouteStatus("alert-rules").isStarted()).isTrue();
    }

    @Test
    void javaRoutesAndTheHttpSurfaceAreUntouchedThroughTwentyReloads() throws Exception {
        Route alertIntake = hub.context().getRoute("alert-intake");
        List<Route> javaRoutes = hub.context().getRoutes().stream().filter(r -> r.getSourceResource() == null).toList();
        for (int i = 2; i <= 21; i++) {
            String answer = "v" + i;
            save(probe, probeRoutes(answer, "reload-probe-old"));
            await().atMost(RELOAD).until(() -> answer.equals(probe("x")));
        }
        assertThat(hub.context().getRoute("alert-intake")).isSameAs(alertIntake);
        for (Route route : javaRoutes) {
            assertThat(hub.context().getRoute(route.getRouteId())).as(route.getRouteId()).isSameAs(route);
            assertThat(hub.context().getRouteController().getRouteStatus(route.getRouteId()).isStarted()
                    || !route.isAutoStartup()).isTrue();
        }
        assertThat(hub.get("/observe/health").statusCode()).isEqualTo(200);
        assertThat(hub.get("/ims/service/ping").statusCode()).as("IMS endpoint still served").isNotEqualTo(404);
        assertThat(alertKeys).isEmpty();
    }

    private Object probe(String body) {
        try {
            return hub.context().createProducerTemplate().requestBodyAndHeader("direct:reload-probe", body,
                    "ProbeDelay", 0);
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    private RouteTableVersion.Version version() {
        return hub.bean("routeTableVersion", RouteTableVersion.class).current();
    }

    private JsonNode health() throws IOException {
        return JSON.readTree(hub.get("/observe/health").body()).path("routeTable");
    }

    /** As careful editors save: write a hidden temp file, then rename it over the route file. */
    private static void save(Path file, String content) {
        try {
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(temp, content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
