package io.switchboard.routes;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A route file as JSON (what the schema validator reads) plus the line of every node, keyed by JSON
 * pointer ("/0/route/from/steps/1"), so a schema error can name file:line. Parsed with snakeyaml-engine,
 * the parser Camel's YAML DSL itself uses, so both agree on what the file says.
 */
public final class YamlTree {

    private final JsonNode json;
    private final Map<String, Integer> lines;

    private YamlTree(JsonNode json, Map<String, Integer> lines) {
        this.json = json;
        this.lines = lines;
    }

    /** Parses one YAML document; a syntax error becomes a {@link BrokenYaml} naming its line. */
    public static YamlTree parse(String yaml) {
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel("route file").build()).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(1);
            throw new BrokenYaml(line, "not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new BrokenYaml(1, "not valid YAML: " + e.getMessage());
        }
        Map<String, Integer> lines = new HashMap<>();
        JsonNode json = root.map(n -> convert(n, "", lines)).orElse(JsonNodeFactory.instance.arrayNode());
        return new YamlTree(json, lines);
    }

    public JsonNode json() {
        return json;
    }

    /** Line (1-based) of the node at this JSON pointer, or of its nearest parent that has one. */
    public int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 1;
            }
            p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
        }
    }

    private static JsonNode convert(Node node, String pointer, Map<String, Integer> lines) {
        node.getStartMark().ifPresent(m -> lines.put(pointer, m.getLine() + 1));
        if (node instanceof MappingNode mapping) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(tuple.getKeyNode());
                String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                object.set(key, convert(tuple.getValueNode(), child, lines));
                // the key's line is where an engineer looks for an unknown or misplaced key
                tuple.getKeyNode().getStartMark().ifPresent(m -> lines.put(child, m.getLine() + 1));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            int i = 0;
            for (Node item : sequence.getValue()) {
                array.add(convert(item, pointer + "/" + i++, lines));
            }
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        return scalar(scalar);
    }

    /** YAML 1.2 core schema: plain true/false, integers, floats and null keep their type, as Camel reads them. */
    private static JsonNode scalar(ScalarNode scalar) {
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        if (Tag.BOOL.equals(tag)) {
            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value));
        }
        if (Tag.INT.equals(tag)) {
            try {
                return JsonNodeFactory.instance.numberNode(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return JsonNodeFactory.instance.textNode(value);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return JsonNodeFactory.instance.numberNode(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                return JsonNodeFactory.instance.textNode(value);
            }
        }
        if (Tag.NULL.equals(tag)) {
            return JsonNodeFactory.instance.nullNode();
        }
        return JsonNodeFactory.instance.textNode(value);
    }

    /** A file that is not YAML at all. */
    public static final class BrokenYaml extends RuntimeException {
        private final int line;

        BrokenYaml(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }
}
