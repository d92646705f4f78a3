package io.switchboard.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.alert.AlertHeaders;
import io.switchboard.ops.RouteTableVersion;
import io.switchboard.ops.RouteTableVersion.RejectedEdit;
import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads one route file without risking the rest of the hub: the new content is validated
 * ({@link RouteFileValidator}) and started in isolation ({@link RouteTrial}); only then are the routes of
 * that file swapped (each old route stops gracefully, so in-flight messages finish). A refused edit is one
 * ERROR line naming file:line plus an alert, and the file's previous routes keep serving. Routes from other
 * files and every Java route are never touched. A file declaring route configurations (error-handling) is
 * checked the same way, but a valid edit takes effect at the next start (its routes are never swapped live).
 */
public class SafeRouteReload {

    private static final Logger LOG = LoggerFactory.getLogger(SafeRouteReload.class);
    /** Camel's "Failed to create route x at: >>> To[nosuch:foo] <<< in route" names the failing step. */
    private static final Pattern FAILING_STEP = Pattern.compile(">>> (\\w+\\[.+?]) <<<");
    private static final Pattern STEP_ARGUMENT = Pattern.compile("\\w+\\[(.+)]");
    private static final Pattern EXPRESSION = Pattern.compile("\\w+\\{(.+)}");

    /** What became of one reload. */
    public enum Outcome { RELOADED, REMOVED, UNCHANGED, REJECTED, AT_NEXT_START }

    private final CamelContext context;
    private final RouteTableVersion version;
    private final String alertPriority;
    private final Map<String, String> lastSeen = new HashMap<>();

    public SafeRouteReload(CamelContext context, RouteTableVersion version, String alertPriority) {
        this.context = context;
        this.version = version;
        this.alertPriority = alertPriority;
    }

    /** Remembers the files as loaded at start, so a save that changes nothing reloads nothing. */
    public synchronized void remember(Path file) throws IOException {
        lastSeen.put(file.getFileName().toString(), Files.readString(file));
    }

    public synchronized Outcome reload(Path file) {
        String name = file.getFileName().toString();
        String shown = file.toString();
        if (!Files.exists(file)) {
            return remove(name, shown);
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return reject(shown, 1, "cannot read the file: " + e.getMessage());
        }
        if (content.equals(lastSeen.get(name))) {
            return Outcome.UNCHANGED; // editors often write twice per save
        }
        lastSeen.put(name, content);

        List<RouteProblem> problems = new RouteFileValidator(new LiveRouteReferences(context, name))
                .validate(shown, content);
        if (!problems.isEmpty()) {
            RouteProblem first = problems.get(0);
            String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more: make validate)" : "";
            return reject(shown, first.line(), first.message() + more);
        }
        String stillCalled = stillCalled(name, consumedDirects(content));
        if (stillCalled != null) {
            return reject(shown, 1, stillCalled);
        }
        Resource resource = ResourceHelper.fromString("file:" + file.toAbsolutePath().normalize(), content);
        Set<String> ids;
        try {
            ids = RouteTrial.start(context, resource);
        } catch (Exception e) {
            return reject(shown, lineOf(e, content), describe(e));
        }
        if (declaresRouteConfigurations(content)) {
            // a route configuration is woven into its routes when they are created: swapping it live would mean
            // restarting every route naming it, Java ones too; so a valid edit waits for the next start
            LOG.warn("event=route-configurations-changed file={} applies=next-start routes=unchanged"
                    + " reason=\"route configurations take effect when the hub starts\"", shown);
            return Outcome.AT_NEXT_START;
        }
        try {
            swap(name, resource, ids);
        } catch (Exception e) {
            return reject(shown, lineOf(e, content), describe(e));
        }
        RouteTableVersion.Version now = version.current();
        LOG.info("event=routes-reloaded file={} routes={} routeTableVersion={}", shown, String.join(",", ids), now.hash());
        return Outcome.RELOADED;
    }

    private Outcome remove(String name, String shown) {
        String stillCalled = stillCalled(name, Set.of());
        if (stillCalled != null) {
            lastSeen.remove(name);
            return reject(shown, 1, "file removed, but " + stillCalled + "; its routes keep running until a"
                    + " restart or until the file is back");
        }
        List<String> removed = new ArrayList<>();
        for (RouteDefinition route : routesOf(name)) {
            try {
                context.getRouteController().stopRoute(route.getRouteId());
                context.removeRoute(route.getRouteId());
                removed.add(route.getRouteId());
            } catch (Exception e) {
                LOG.error("event=route-remove-failed file={} route={} error=\"{}\"", shown, route.getRouteId(),
                        rootMessage(e));
            }
        }
        lastSeen.remove(name);
        LOG.info("event=route-file-removed file={} routes={} routeTableVersion={}", shown, String.join(",", removed),
                version.current().hash());
        return Outcome.REMOVED;
    }

    /** Old routes the new content no longer has are stopped and removed; the rest are replaced by id. */
    private void swap(String name, Resource resource, Set<String> newIds) throws Exception {
        List<RouteDefinition> previous = routesOf(name);
        List<String> swapped = new ArrayList<>(newIds);
        previous.forEach(r -> swapped.add(r.getRouteId()));
        try (var quiet = SwapHealth.quiet(context, swapped)) {
            swapRoutes(name, resource, newIds, previous);
        }
    }

    private void swapRoutes(String name, Resource resource, Set<String> newIds, List<RouteDefinition> previous)
            throws Exception {
        try {
            for (RouteDefinition route : previous) {
                if (!newIds.contains(route.getRouteId())) {
                    context.getRouteController().stopRoute(route.getRouteId());
                    context.removeRoute(route.getRouteId());
                }
            }
            PluginHelper.getRoutesLoader(context).updateRoutes(List.of(resource));
        } catch (Exception e) {
            // put the previous routes back: whatever half-happened is undone
            for (RouteDefinition route : routesOf(name)) {
                context.getRouteController().stopRoute(route.getRouteId());
                context.removeRoute(route.getRouteId());
            }
            model().addRouteDefinitions(previous);
            throw e;
        }
    }

    /** "direct:alert-rules is still called by route alert-accept" if the file stops consuming it; else null. */
    private String stillCalled(String name, Set<String> keptDirects) {
        Map<String, String> usedOutside = DirectUsage.outside(model(), name);
        for (RouteDefinition route : routesOf(name)) {
            String uri = route.getInput() == null ? null : route.getInput().getEndpointUri();
            if (uri != null && uri.startsWith("direct:")) {
                String direct = RouteFileValidator.endpointName(uri);
                if (!keptDirects.contains(direct) && usedOutside.containsKey(direct)) {
                    return "direct:" + direct + " is still called by route " + usedOutside.get(direct)
                            + " (keep a route that starts from it)";
                }
            }
        }
        return null;
    }

    private static boolean declaresRouteConfigurations(String content) {
        try {
            for (var item : YamlTree.parse(content).json()) {
                if (item.has("routeConfiguration")) {
                    return true;
                }
            }
        } catch (YamlTree.BrokenYaml e) {
            // validated before this is asked
        }
        return false;
    }

    private static Set<String> consumedDirects(String content) {
        Set<String> directs = new java.util.HashSet<>();
        try {
            for (var item : YamlTree.parse(content).json()) {
                String uri = item.path("route").path("from").path("uri").asText("");
                if (uri.startsWith("direct:")) {
                    directs.add(RouteFileValidator.endpointName(uri));
                }
            }
        } catch (YamlTree.BrokenYaml e) {
            // validated before this is asked
        }
        return directs;
    }

    private List<RouteDefinition> routesOf(String name) {
        return model().getRouteDefinitions().stream()
                .filter(r -> name.equals(RouteFiles.fileName(r.getResource())))
                .toList();
    }

    private Outcome reject(String file, int line, String reason) {
        LOG.error("event=route-edit-rejected file={}:{} reason=\"{}\" kept=previous-routes", file, line,
                reason.replace('"', '\''));
        version.rejected(new RejectedEdit(file, line, reason, Instant.now()));
        try {
            Map<String, Object> headers = new HashMap<>();
            headers.put(AlertHeaders.TITLE, "Route edit rejected: " + Path.of(file).getFileName());
            headers.put(AlertHeaders.DEDUP_KEY, "routes.edit-rejected." + Path.of(file).getFileName());
            headers.put(AlertHeaders.PRIORITY, alertPriority);
            context.createFluentProducerTemplate().to(AlertHeaders.ENDPOINT).withHeaders(headers)
                    .withBody(file + ":" + line + ": " + reason + ". The previous routes of this file keep serving.")
                    .send();
        } catch (Exception e) {
            LOG.warn("event=route-edit-alert-failed file={} error=\"{}\"", file, rootMessage(e));
        }
        return Outcome.REJECTED;
    }

    /** The line of the step Camel names, else of the failing route's id, else 1. */
    static int lineOf(Throwable e, String content) {
        String[] lines = content.split("\n", -1);
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            Matcher step = FAILING_STEP.matcher(message);
            if (step.find()) {
                // SetBody[simple{${header.x}] → the expression as written in the file
                Matcher argument = STEP_ARGUMENT.matcher(step.group(1));
                String written = argument.matches() ? argument.group(1) : step.group(1);
                Matcher expression = EXPRESSION.matcher(written);
                int line = find(lines, expression.matches() ? expression.group(1) : written);
                if (line > 0) {
                    return line;
                }
            }
            if (t instanceof FailedToCreateRouteException failed && failed.getRouteId() != null) {
                int line = find(lines, "id: " + failed.getRouteId());
                if (line > 0) {
                    return line;
                }
            }
        }
        return 1;
    }

    private static int find(String[] lines, String text) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** "route reload-probe, step SetBody[simple{${header.x}]: expected symbol functionEnd but was eol" */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FailedToCreateRouteException failed) {
                Matcher step = FAILING_STEP.matcher(String.valueOf(failed.getMessage()));
                return "route " + failed.getRouteId() + (step.find() ? ", step " + step.group(1) : "") + ": "
                        + rootMessage(e);
            }
        }
        return rootMessage(e);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private Model model() {
        return context.getCamelContextExtension().getContextPlugin(Model.class);
    }
}
