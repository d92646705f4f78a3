package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.TestHub;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicy;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** camel.metrics.enable-route-policy: Camel's route meters, kept by the hub's RouteTimers, seen in /observe/metrics. */
class RouteTimersTest {

    private static final int MESSAGES = 5;
    private static TestHub hub;

    @BeforeAll
    static void start() {
        hub = TestHub.start(Map.of("hub.ims.auth.mode", "none",
                "hub.redelivery.default.maximum-redeliveries", "0"));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void everyRouteIsTimedByTheHubsLeanPolicyNotCamels() {
        // Camel 4.18's policy formats a property name per exchange, route and meter set: it is swapped out
        assertThat(hub.context().getRoutePolicyFactories())
                .noneMatch(f -> f.getClass() == MicrometerRoutePolicyFactory.class)
                .filteredOn(f -> f instanceof RouteTimersFactory).hasSize(1);
        assertThat(hub.context().getRoutes()).isNotEmpty().allSatisfy(route -> assertThat(route.getRoutePolicyList())
                .noneMatch(p -> p.getClass() == MicrometerRoutePolicy.class)
                .filteredOn(p -> p instanceof RouteTimers).hasSize(1));
    }

    @Test
    void imsMessagesAreTimedAndCountedInEveryRouteTheyCrossWithCamelsNamesAndTags() {
        String before = metrics();
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(postIms().statusCode()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String after = metrics();
            // an unrouted message: stored UNROUTED by the table at intake, then its notice (repeats of one
            // alert key within the fold interval are counted without crossing the notice routes)
            for (String route : new String[] {"ims-multipart-message", "ion-dispatch"}) {
                assertThat(grew(before, after, "camel_route_policy_seconds_count", route)).as(route).isEqualTo(MESSAGES);
                assertThat(grew(before, after, "camel_exchanges_total", route)).as(route).isEqualTo(MESSAGES);
                assertThat(grew(before, after, "camel_exchanges_succeeded_total", route)).as(route)
                        .isEqualTo(MESSAGES);
                assertThat(grew(before, after, "camel_exchanges_failed_total", route)).as(route).isZero();
            }
            for (String route : new String[] {"ion-unrouted-notice", "ion-dispatch-target"}) {
                long crossed = grew(before, after, "camel_exchanges_total", route);
                assertThat(crossed).as(route).isBetween(1L, (long) MESSAGES);
                assertThat(grew(before, after, "camel_route_policy_seconds_count", route)).as(route).isEqualTo(crossed);
                assertThat(grew(before, after, "camel_exchanges_succeeded_total", route)).as(route).isEqualTo(crossed);
                assertThat(grew(before, after, "camel_exchanges_failed_total", route)).as(route).isZero();
            }
            assertThat(grew(before, after, "camel_route_policy_seconds_count", "")).isGreaterThanOrEqualTo(MESSAGES);
        });
        String after = metrics();
        assertThat(after).containsPattern("camel_route_policy_seconds_sum" + labels("ion-dispatch-target") + " \\d")
                .containsPattern("camel_route_policy_seconds_max" + labels("ion-dispatch-target") + " \\d")
                .contains("# HELP camel_route_policy_seconds Route performance metrics")
                .contains("# HELP camel_exchanges_external_redeliveries_total Number of external initiated"
                        + " redeliveries (such as from JMS broker)");
    }

    @Test
    void failedAndDeadLetteredExchangesMoveTheirRoutesCounters() throws Exception {
        hub.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:route-timers-failing").routeId("route-timers-failing").errorHandler(noErrorHandler())
                        .throwException(new IllegalStateException("broken on purpose"));
                from("direct:route-timers-dead-lettered").routeId("route-timers-dead-lettered")
                        .throwException(new IllegalStateException("dead-lettered on purpose"));
            }
        });
        var template = hub.context().createProducerTemplate();

        template.send("direct:route-timers-failing", e -> e.getIn().setBody("x"));
        template.send("direct:route-timers-dead-lettered", e -> e.getIn().setBody("x"));
        String metrics = metrics();

        assertThat(value(metrics, "camel_exchanges_failed_total", "route-timers-failing")).isEqualTo(1);
        assertThat(value(metrics, "camel_exchanges_succeeded_total", "route-timers-failing")).isZero();
        assertThat(value(metrics, "camel_exchanges_total", "route-timers-failing")).isEqualTo(1);
        assertThat(value(metrics, "camel_route_policy_seconds_count", "route-timers-failing")).isEqualTo(1);
        // the hub's dead-letter channel handles the failure: Camel counts it succeeded and failure-handled
        assertThat(value(metrics, "camel_exchanges_failures_handled_total", "route-timers-dead-lettered")).isEqualTo(1);
        assertThat(value(metrics, "camel_exchanges_succeeded_total", "route-timers-dead-lettered")).isEqualTo(1);
        assertThat(value(metrics, "camel_exchanges_failed_total", "route-timers-dead-lettered")).isZero();
    }

    @Test
    void routePolicyLevelContextKeepsOnlyTheContextMetersAndEnableRoutePolicyFalseSwitchesThemOff() {
        try (TestHub contextOnly = TestHub.start(Map.of("camel.metrics.route-policy-level", "context"))) {
            contextOnly.get("/observe/health");
            String metrics = contextOnly.get("/observe/metrics").body();

            assertThat(metrics).containsPattern("camel_route_policy_seconds_count" + labels("") + " [1-9]")
                    .containsPattern("camel_exchanges_total" + labels("") + " [1-9]")
                    .doesNotContain("eventType=\"route\",kind=\"CamelRoute\"");
        }
        try (TestHub off = TestHub.start(Map.of("camel.metrics.enable-route-policy", "false"))) {
            off.get("/observe/health");
            String metrics = off.get("/observe/metrics").body();

            assertThat(off.context().getRoutes()).allSatisfy(route -> assertThat(route.getRoutePolicyList())
                    .noneMatch(p -> p instanceof MicrometerRoutePolicy));
            assertThat(metrics).doesNotContain("camel_route_policy_seconds").doesNotContain("camel_exchanges_total")
                    .contains("camel_exchange_event_notifier_seconds");
        }
    }

    private static String metrics() {
        return hub.get("/observe/metrics").body();
    }

    /** Camel's tag set of a route meter ("" = the context's). */
    private static String labels(String routeId) {
        return Pattern.quote("{camelContext=\"" + hub.context().getName() + "\",eventType=\""
                + (routeId.isEmpty() ? "context" : "route") + "\",kind=\"CamelRoute\",routeId=\"" + routeId + "\"}");
    }

    private static long grew(String before, String after, String meter, String routeId) {
        return value(after, meter, routeId) - value(before, meter, routeId);
    }

    /** The meter's value for the route, 0 when not (yet) registered. */
    private static long value(String metrics, String meter, String routeId) {
        Matcher m = Pattern.compile("(?m)^" + meter + labels(routeId) + " (\\S+)$").matcher(metrics);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    /** One BOD in ION's multipart shape (IMS authentication off in this hub). */
    private static java.net.http.HttpResponse<String> postIms() {
        String boundary = "routeTimersBoundary";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data;name=\"ParameterRequest\"\r\n\r\n"
                + "{\"documentName\":\"SyncSalesOrder\",\"messageId\":\"" + UUID.randomUUID() + "\","
                + "\"fromLogicalId\":\"lid://infor.ims.acme_ion\",\"toLogicalId\":\"lid://infor.ims.switchboard\","
                + "\"encoding\":\"NONE\",\"characterSet\":\"UTF-8\"}\r\n--" + boundary
                + "\r\nContent-Disposition: form-data;name=\"MessagePayload\"\r\n\r\n" + bod() + "\r\n--" + boundary
                + "--\r\n";
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url("/ims/service/v3/multipartMessage")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("X-TenantId", "ACME_TST")
                .POST(HttpRequest.BodyPublishers.ofString(multipart, StandardCharsets.UTF_8)).build());
    }

    private static String bod() {
        try {
            return Files.readString(Path.of("src/test/resources/ion/SyncSalesOrder.xml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
