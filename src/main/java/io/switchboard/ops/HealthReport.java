package io.switchboard.ops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/** Runs Camel's health checks and shapes them into the JSON served at /observe/health. */
public class HealthReport {

    /** What a probe asks: everything, only liveness, or only readiness. */
    public enum Kind { ALL, LIVE, READY }

    private final CamelContext context;

    public HealthReport(CamelContext context) {
        this.context = context;
    }

    public Map<String, Object> build(Kind kind) {
        Collection<HealthCheck.Result> results = switch (kind) {
            case LIVE -> HealthCheckHelper.invokeLiveness(context);
            case READY -> HealthCheckHelper.invokeReadiness(context);
            case ALL -> HealthCheckHelper.invoke(context);
        };
        boolean up = results.stream().allMatch(r -> r.getState() != HealthCheck.State.DOWN);
        List<Map<String, Object>> checks = new ArrayList<>();
        for (HealthCheck.Result r : results) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", r.getCheck().getId());
            check.put("status", r.getState().name());
            r.getMessage().ifPresent(m -> check.put("message", m));
            checks.add(check);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", up ? "UP" : "DOWN");
        report.put("checks", checks);
        return report;
    }

    public static boolean isUp(Map<String, Object> report) {
        return "UP".equals(report.get("status"));
    }
}
