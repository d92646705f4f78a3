package io.switchboard.routes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The gate every route file passes, in `make validate` and before a safe reload: YAML syntax, Camel's
 * YAML DSL schema, every {{property}} resolves, every direct:/Kamelet/bean/route-configuration reference
 * exists (in the other files checked together, or in the running hub). Each problem names file:line.
 */
public final class RouteFileValidator {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]+)}}");
    private static final Pattern SIMPLE_PROPERTY = Pattern.compile("\\$\\{properties:([^}:]+)(:[^}]*)?}");
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
    /** Camel's property functions ({{env:X}}, {{sys:x}} …) are not properties of ours. */
    private static final Set<String> FUNCTIONS = Set.of("env", "sys", "service", "service.host", "service.port",
            "bean", "ref", "random", "uuid", "base64", "cm", "secret", "aws", "gcp", "azure", "hashicorp", "kubernetes");
    /** Keys whose text value is an endpoint URI. */
    private static final Set<String> URI_KEYS = Set.of("uri", "to", "toD", "wireTap");

    private final RouteReferences hub;

    public RouteFileValidator(RouteReferences hub) {
        this.hub = hub;
    }

    /** Checks files together: a direct: endpoint or configuration one of them declares counts for all. */
    public List<RouteProblem> validate(Map<String, String> contentByFile) {
        List<RouteProblem> problems = new ArrayList<>();
        Map<String, YamlTree> trees = new LinkedHashMap<>();
        for (var file : contentByFile.entrySet()) {
            try {
                trees.put(file.getKey(), YamlTree.parse(file.getValue()));
            } catch (YamlTree.BrokenYaml e) {
                problems.add(new RouteProblem(file.getKey(), e.line(), e.getMessage()));
            }
        }
        Declared declared = new Declared();
        trees.values().forEach(tree -> declared.collect(tree.json()));
        for (var file : trees.entrySet()) {
            List<RouteProblem> schema = RouteSchema.camel().check(file.getKey(), file.getValue());
            problems.addAll(schema);
            if (schema.isEmpty()) {
                problems.addAll(references(file.getKey(), file.getValue(), declared));
            }
        }
        return problems;
    }

    public List<RouteProblem> validate(String file, String content) {
        return validate(Map.of(file, content));
    }

    private List<RouteProblem> references(String file, YamlTree tree, Declared declared) {
        List<RouteProblem> problems = new ArrayList<>();
        BiConsumer<String, String> problem = (pointer, message) ->
                problems.add(new RouteProblem(file, tree.lineOf(pointer), message));
        walk(tree.json(), "", (pointer, key, value) -> {
            Matcher placeholders = PLACEHOLDER.matcher(value);
            while (placeholders.find()) {
                checkProperty(placeholders.group(1), pointer, problem);
            }
            Matcher simple = SIMPLE_PROPERTY.matcher(value);
            while (simple.find()) {
                if (simple.group(2) == null && !hub.propertyExists(simple.group(1).trim())) {
                    problem.accept(pointer, "property " + simple.group(1).trim()
                            + " is not set (application.properties, environment or -D)");
                }
            }
            if (URI_KEYS.contains(key) && !pointer.endsWith("/from/uri")) {
                checkEndpoint(value, "toD".equals(key), pointer, declared, problem);
            }
            // enrich: {constant: direct:x} names its endpoint like a to: (a unit of work of its own)
            if ("constant".equals(key) && (pointer.endsWith("/enrich/constant") || pointer.endsWith("/pollEnrich/constant"))) {
                checkEndpoint(value, false, pointer, declared, problem);
            }
            if ("ref".equals(key) && (pointer.contains("/method/") || pointer.contains("/bean/"))
                    && !declared.beans.contains(value) && !hub.beanExists(value)) {
                problem.accept(pointer, "no bean named " + value + " (beans are bound by the hub's Java wiring"
                        + " or declared under beans: in a route file)");
            }
            if ("routeConfigurationId".equals(key)) {
                for (String id : value.split(",")) {
                    String trimmed = id.trim();
                    if (!trimmed.isEmpty() && !declared.configurations.contains(trimmed)
                            && !hub.routeConfigurationExists(trimmed)) {
                        problem.accept(pointer, "no route configuration " + trimmed);
                    }
                }
            }
        });
        return problems;
    }

    private void checkProperty(String expression, String pointer, BiConsumer<String, String> problem) {
        String body = expression.trim();
        if (body.startsWith("?")) {
            return; // optional placeholder
        }
        if (body.startsWith("!")) {
            body = body.substring(1).trim(); // negated boolean: {{!hub.x.enabled}}
        }
        int colon = body.indexOf(':');
        if (colon > 0 && FUNCTIONS.contains(body.substring(0, colon))) {
            return;
        }
        if (colon >= 0) {
            return; // {{key:default}} always resolves
        }
        if (!hub.propertyExists(body)) {
            problem.accept(pointer, "property " + body + " is not set (application.properties, environment or -D)");
        }
    }

    private void checkEndpoint(String uri, boolean dynamic, String pointer, Declared declared,
            BiConsumer<String, String> problem) {
        Matcher scheme = SCHEME.matcher(uri);
        if (!scheme.find()) {
            return;
        }
        String component = scheme.group(1);
        if (!hub.componentExists(component)) {
            problem.accept(pointer, "unknown endpoint " + uri + ": no Camel component " + component + " in the hub");
            return;
        }
        if (dynamic) {
            return; // the name is computed per message
        }
        String name = endpointName(uri);
        if ("direct".equals(component) && !declared.directs.contains(name) && !hub.directConsumerExists(name)) {
            problem.accept(pointer, "nothing consumes direct:" + name + " (no route starts from it)");
        }
        if ("kamelet".equals(component) && !declared.kamelets.contains(name) && !hub.kameletExists(name)) {
            problem.accept(pointer, "no Kamelet or route template " + name);
        }
        if ("bean".equals(component) && !declared.beans.contains(name) && !hub.beanExists(name)) {
            problem.accept(pointer, "no bean named " + name);
        }
    }

    /** direct:foo?x=1 / direct://foo → foo; kamelet:name/route → name. */
    static String endpointName(String uri) {
        String rest = uri.substring(uri.indexOf(':') + 1);
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        int end = rest.length();
        for (char c : new char[] {'?', '/'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return rest.substring(0, end);
    }

    /** Visits every text value with its JSON pointer and the key it sits under. */
    interface TextVisitor {
        void visit(String pointer, String key, String value);
    }

    static void walk(JsonNode node, String pointer, TextVisitor visitor) {
        walk(node, pointer, "", visitor);
    }

    private static void walk(JsonNode node, String pointer, String key, TextVisitor visitor) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> walk(e.getValue(),
                    pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), e.getKey(), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, key, visitor);
            }
        } else if (node.isTextual()) {
            visitor.visit(pointer, key, node.asText());
        }
    }

    /** What the checked files declare themselves. */
    private static final class Declared {
        final Set<String> directs = new HashSet<>();
        final Set<String> configurations = new HashSet<>();
        final Set<String> kamelets = new HashSet<>();
        final Set<String> beans = new HashSet<>();

        void collect(JsonNode root) {
            for (JsonNode item : root) {
                JsonNode from = item.path("route").path("from");
                String uri = from.path("uri").asText("");
                if (uri.startsWith("direct:")) {
                    directs.add(endpointName(uri));
                }
                JsonNode bareFrom = item.path("from").path("uri");
                if (bareFrom.asText("").startsWith("direct:")) {
                    directs.add(endpointName(bareFrom.asText()));
                }
                String configuration = item.path("routeConfiguration").path("id").asText("");
                if (!configuration.isEmpty()) {
                    configurations.add(configuration);
                }
                String template = item.path("routeTemplate").path("id").asText("");
                if (!template.isEmpty()) {
                    kamelets.add(template);
                }
                for (JsonNode bean : item.path("beans")) {
                    beans.add(bean.path("name").asText());
                }
            }
        }
    }
}
