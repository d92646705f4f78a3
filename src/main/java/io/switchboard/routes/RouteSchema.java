package io.switchboard.routes;

import io.switchboard.HubJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;

/**
 * Camel's own JSON schema of the YAML DSL ({@code schema/camelYamlDsl.json} in camel-yaml-dsl, the one
 * Kaoto and the IDE plugins use), applied with networknt's validator; errors come back as file:line.
 */
public final class RouteSchema {

    /** Where camel-yaml-dsl ships its schema. */
    public static final String LOCATION = "schema/camelYamlDsl.json";

    /** More than this per file is noise: the first errors name the real mistake. */
    private static final int MAX_PROBLEMS = 5;

    private final Schema schema;

    private RouteSchema(Schema schema) {
        this.schema = schema;
    }

    /** The schema is 800 kB: loaded once per JVM. */
    public static RouteSchema camel() {
        return Holder.INSTANCE;
    }

    public List<RouteProblem> check(String file, YamlTree tree) {
        // one problem per place: oneOf/anyOf branches repeat the same location many times
        Map<String, RouteProblem> byPlace = new LinkedHashMap<>();
        for (Error error : schema.validate(tree.json())) {
            if (isPlaceholderForTypedValue(error)) {
                continue;
            }
            String pointer = pointer(error.getInstanceLocation());
            int line = tree.lineOf(pointer);
            String where = pointer.isEmpty() ? "" : " at " + pointer;
            byPlace.putIfAbsent(pointer, new RouteProblem(file, line,
                    "does not match Camel's YAML DSL schema" + where + ": " + error.getMessage()));
        }
        List<RouteProblem> problems = new ArrayList<>(byPlace.values());
        // the deepest location is usually the actual mistake; its parents only say "no branch matched"
        problems.sort((a, b) -> Integer.compare(depth(b), depth(a)));
        List<RouteProblem> first = new ArrayList<>(problems.subList(0, Math.min(MAX_PROBLEMS, problems.size())));
        first.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return first;
    }

    /**
     * Camel resolves {{placeholders}} in every field, booleans and numbers included
     * (autoStartup: "{{hub.x.enabled}}"); the JSON schema cannot say so, so such a type mismatch is no error.
     */
    private static boolean isPlaceholderForTypedValue(Error error) {
        return "type".equals(error.getKeyword()) && error.getInstanceNode() != null
                && error.getInstanceNode().isTextual() && error.getInstanceNode().asText().contains("{{");
    }

    private static int depth(RouteProblem p) {
        int at = p.message().indexOf(" at /");
        return at < 0 ? 0 : p.message().substring(at, p.message().indexOf(':', at)).split("/").length;
    }

    private static String pointer(NodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    private static final class Holder {
        static final RouteSchema INSTANCE = load();

        private static RouteSchema load() {
            try (InputStream in = RouteSchema.class.getClassLoader().getResourceAsStream(LOCATION)) {
                if (in == null) {
                    throw new IllegalStateException(LOCATION + " not on the classpath: camel-yaml-dsl is missing");
                }
                var node = HubJson.mapper().readTree(in);
                // draft-04 plus Camel's own annotation keyword "deprecated" (not a validation rule)
                Dialect dialect = Dialect.builder(Dialects.getDraft4())
                        .keyword(new NonValidationKeyword("deprecated")).build();
                return new RouteSchema(SchemaRegistry.withDialect(dialect).getSchema(node));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
