package io.switchboard.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/** /observe/health (+ /live, /ready) and /observe/metrics on the hub's own HTTP port. */
public class ObserveRoutes extends RouteBuilder {

    private final PrometheusMeterRegistry metrics;
    private final HubMetrics hubMetrics;

    public ObserveRoutes(PrometheusMeterRegistry metrics, HubMetrics hubMetrics) {
        this.metrics = metrics;
        this.hubMetrics = hubMetrics;
    }

    @Override
    public void configure() {
        health("/observe/health", HealthReport.Kind.ALL, "observe-health");
        health("/observe/health/live", HealthReport.Kind.LIVE, "observe-health-live");
        health("/observe/health/ready", HealthReport.Kind.READY, "observe-health-ready");

        from("platform-http:/observe/metrics?httpMethodRestrict=GET").routeId("observe-metrics")
                .routeConfigurationId(HttpErrors.ID)
                .process(e -> {
                    // store-derived gauges are read at scrape time, so they are never stale
                    hubMetrics.refresh();
                    e.getMessage().setBody(metrics.scrape());
                    e.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                });
    }

    private void health(String path, HealthReport.Kind kind, String routeId) {
        from("platform-http:" + path + "?httpMethodRestrict=GET").routeId(routeId)
                .routeConfigurationId(HttpErrors.ID)
                .process(e -> {
                    var report = new HealthReport(e.getContext()).build(kind);
                    e.getMessage().setBody(report);
                    e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, HealthReport.isUp(report) ? 200 : 503);
                    e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                })
                .marshal().json();
    }
}
