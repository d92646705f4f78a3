package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The validator behind `make validate` and safe reload, on the real route files and on broken edits. */
class RouteFileValidatorTest {

    /** A hub that knows exactly what the shipped route files need from Java. */
    static final class KnownHub implements RouteReferences {
        final Set<String> properties;
        final Set<String> directs = Set.of("alert", "directory-update", "ion-outbound", "dead-letter",
                "ion-dispatch-dead", "ion-dispatch-target-dead");
        final Set<String> beans = Set.of("bodXPath", "chatEvents", "chatDepartures");
        final Set<String> configurations = Set.of("alert-plumbing", "dead-letter-dispatch", "dispatch-table");

        KnownHub(Set<String> properties) {
            this.properties = properties;
        }

        @Override
        public boolean propertyExists(String key) {
            return properties.contains(key);
        }

        @Override
        public boolean directConsumerExists(String name) {
            return directs.contains(name);
        }

        @Override
        public boolean beanExists(String name) {
            return beans.contains(name);
        }

        @Override
        public boolean kameletExists(String name) {
            return Files.exists(Path.of("routes/kamelets", name + ".kamelet.yaml"));
        }

        @Override
        public boolean routeConfigurationExists(String id) {
            return configurations.contains(id);
        }

        @Override
        public boolean componentExists(String scheme) {
            return Set.of("direct", "seda", "log", "kamelet", "bean", "timer", "xslt").contains(scheme);
        }
    }

    private static Map<String, String> shippedRoutes() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (var list = Files.list(Path.of("routes"))) {
            for (Path p : list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                files.put("routes/" + p.getFileName(), Files.readString(p));
            }
        }
        return files;
    }

    private static Set<String> applicationProperties() throws Exception {
        var props = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of("application.properties"))) {
            props.load(in);
        }
        return props.stringPropertyNames();
    }

    private final RouteFileValidator validator;

    RouteFileValidatorTest() throws Exception {
        validator = new RouteFileValidator(new KnownHub(applicationProperties()));
    }

    @Test
    void everyShippedRouteFileIsValid() throws Exception {
        assertThat(validator.validate(shippedRoutes())).isEmpty();
    }

    @Test
    void aDeadLetterChannelWithPlaceholderNumbersIsValidAndAMisspelledOptionInItIsNot() {
        String channel = """
                - routeConfiguration:
                    id: dead-letter-x
                    errorHandler:
                      deadLetterChannel:
                        deadLetterUri: direct:dead-letter
                        redeliveryPolicy:
                          maximumRedeliveries: "{{hub.redelivery.default.maximum-redeliveries}}"
                          backOffMultiplier: "{{hub.redelivery.default.multiplier}}"
                          useExponentialBackOff: true
                """;
        assertThat(validator.validate("routes/x.camel.yaml", channel)).isEmpty();

        List<RouteProblem> problems = validator.validate("routes/x.camel.yaml",
                channel.replace("backOffMultiplier", "backoffMultiplier"));
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.line()).as("the redeliveryPolicy holding the unknown option").isEqualTo(6);
            assertThat(p.message()).contains("schema").contains("backoffMultiplier");
        });
    }

    @Test
    void brokenYamlNamesTheLine() {
        List<RouteProblem> problems = validator.validate("routes/x.camel.yaml", """
                - route:
                    id: x
                    from:
                      uri: direct:x
                      steps:
                        - log: "a
                        - to: direct:alert
                """);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).toString()).startsWith("routes/x.camel.yaml:").contains("not valid YAML");
    }

    @Test
    void schemaErrorNamesTheLineOfTheUnknownKey() {
        List<RouteProblem> problems = validator.validate("routes/x.camel.yaml", """
                - route:
                    id: x
                    from:
                      uri: direct:x
                      steps:
                        - setHeader:
                            name: A
                            constant: b
                        - sendTo: direct:alert
                """);
        assertThat(problems).isNotEmpty();
        assertThat(problems.get(0).line()).isEqualTo(9);
        assertThat(problems.get(0).message()).contains("schema").contains("sendTo");
    }

    @Test
    void unknownPropertyEndpointBeanAndConfigurationAreEachNamedWithTheirLine() {
        List<RouteProblem> problems = validator.validate("routes/x.camel.yaml", """
                - route:
                    id: x
                    routeConfigurationId: no-such-configuration
                    from:
                      uri: direct:x
                      steps:
                        - setHeader:
                            name: AlertPriority
                            simple: "{{hub.alert.priority.no-such-rule}}"
                        - to: direct:no-such-target
                        - to: nosuchcomponent:foo
                        - setHeader:
                            name: Members
                            method:
                              ref: noSuchBean
                              method: "joined(${body}, '/a')"
                        - filter:
                            simple: "${properties:hub.alert.no-such-recipient} != ''"
                            steps:
                              - to: direct:alert
                        - enrich:
                            constant: direct:no-such-enricher
                """);
        assertThat(problems).extracting(RouteProblem::toString).containsExactlyInAnyOrder(
                "routes/x.camel.yaml:3: no route configuration no-such-configuration",
                "routes/x.camel.yaml:9: property hub.alert.priority.no-such-rule is not set (application.properties, environment or -D)",
                "routes/x.camel.yaml:10: nothing consumes direct:no-such-target (no route starts from it)",
                "routes/x.camel.yaml:11: unknown endpoint nosuchcomponent:foo: no Camel component nosuchcomponent in the hub",
                "routes/x.camel.yaml:15: no bean named noSuchBean (beans are bound by the hub's Java wiring or declared under beans: in a route file)",
                "routes/x.camel.yaml:18: property hub.alert.no-such-recipient is not set (application.properties, environment or -D)",
                "routes/x.camel.yaml:22: nothing consumes direct:no-such-enricher (no route starts from it)");
    }

    @Test
    void aDirectEndpointDeclaredInAnotherCheckedFileCountsAndOnlyPlainPlaceholdersMustResolve() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("routes/a.camel.yaml", """
                - route:
                    id: a
                    from:
                      uri: direct:a
                      steps:
                        - to: direct:b
                """);
        files.put("routes/b.camel.yaml", """
                - route:
                    id: b
                    from:
                      uri: direct:b
                      steps:
                        - log: "{{?optional.thing}} {{env:HOME}} {{undefined.with:default}} {{!hub.alert.no-such-switch}}"
                """);
        assertThat(validator.validate(files)).extracting(RouteProblem::message).containsExactly(
                "property hub.alert.no-such-switch is not set (application.properties, environment or -D)");
    }
}
