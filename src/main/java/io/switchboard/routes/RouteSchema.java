package io.switchboard.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        for (Error error : validateWithPlaceholdersTyped(tree.json())) {
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
     * A placeholder inside a oneOf branch (maximumRedeliveries: "{{hub.redelivery.x}}" in a deadLetterChannel)
     * also fails the branch itself; so placeholders the schema wants typed are given a value of that type in a
     * copy, and the copy is validated again, until only real mistakes are left.
     */
    private List<Error> validateWithPlaceholdersTyped(JsonNode json) {
        JsonNode checked = json;
        List<Error> errors = schema.validate(checked);
        for (int round = 0; round < 5; round++) {
            List<Error> typed = errors.stream().filter(RouteSchema::isPlaceholderForTypedValue).toList();
            if (typed.isEmpty() || typed.size() == errors.size()) {
                return errors;
            }
            checked = checked == json ? json.deepCopy() : checked;
            boolean changed = false;
            for (Error error : typed) {
                changed |= replace(checked, pointer(error.getInstanceLocation()), expected(error));
            }
            if (!changed) {
                return errors;
            }
            errors = schema.validate(checked);
        }
        return errors;
    }

    private static JsonNode expected(Error error) {
        Object[] arguments = error.getArguments();
        String type = arguments != null && arguments.length > 1 ? String.valueOf(arguments[1]) : "";
        if (type.contains("boolean")) {
            return BooleanNode.TRUE;
        }
        return type.contains("number") || type.contains("integer") ? IntNode.valueOf(1) : null;
    }

    private static boolean replace(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        if (value == null || slash < 0) {
            return false;
        }
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object && object.get(last) != null && object.get(last).isTextual()) {
            object.set(last, value);
            return true;
        }
        if (parent instanceof ArrayNode array && last.matches("\\d+") && array.get(Integer.parseInt(last)) != null
                && array.get(Integer.parseInt(last)).isTextual()) {
            array.set(Integer.parseInt(last), value);
            return true;
        }
        return false;
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
                var node = new ObjectMapper().readTree(in);
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
