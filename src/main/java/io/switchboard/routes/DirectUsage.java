package io.switchboard.routes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.EnrichDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.WireTapDefinition;

/**
 * Which direct: endpoints the routes outside one route file send to (Java routes call direct:ion-dispatch
 * and direct:alert-rules, which YAML provides). A reload must not take away a consumer someone still calls.
 */
final class DirectUsage {

    private DirectUsage() {
    }

    /** direct name → id of one route outside the file that sends to it. */
    static Map<String, String> outside(Model model, String fileName) {
        Map<String, String> used = new LinkedHashMap<>();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            if (fileName.equals(RouteFiles.fileName(route.getResource()))) {
                continue;
            }
            collect(route.getOutputs(), route.getRouteId(), used);
        }
        return used;
    }

    private static void collect(List<ProcessorDefinition<?>> outputs, String routeId, Map<String, String> used) {
        if (outputs == null) {
            return;
        }
        for (ProcessorDefinition<?> step : outputs) {
            String uri = null;
            if (step instanceof SendDefinition<?> send && !(step instanceof WireTapDefinition<?> && send.getUri() == null)) {
                uri = send.getEndpointUri();
            } else if (step instanceof EnrichDefinition enrich && enrich.getExpression() != null) {
                uri = enrich.getExpression().getExpression();
            }
            if (uri != null && uri.startsWith("direct:")) {
                used.putIfAbsent(RouteFileValidator.endpointName(uri), routeId);
            }
            if (step instanceof ChoiceDefinition choice) {
                choice.getWhenClauses().forEach(when -> collect(when.getOutputs(), routeId, used));
                if (choice.getOtherwise() != null) {
                    collect(choice.getOtherwise().getOutputs(), routeId, used);
                }
            }
            collect(step.getOutputs(), routeId, used);
        }
    }
}
