package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** `make validate` checks the route files against the hub's real wiring (its Java routes, beans, properties). */
class ValidateRoutesTest {

    @Test
    void shippedRoutesAreValidAgainstTheWiredHubAndABrokenCopyIsNotWithFileAndLine() throws Exception {
        Map<String, String> shipped = ValidateRoutes.read(Path.of("routes"));
        Map<String, String> broken = new LinkedHashMap<>(shipped);
        String dispatch = Files.readString(Path.of("routes/dispatch.camel.yaml"));
        broken.put("routes/dispatch.camel.yaml", dispatch.replace("ref: bodXPath", "ref: bodXPth").replace("== 'ContactMaster'", "== '{{hub.no-such-property}}'"));
        int kamelet = 1 + (int) dispatch.substring(0, dispatch.indexOf("ref: bodXPath"))
                .chars().filter(c -> c == '\n').count();
        int property = 1 + (int) dispatch.substring(0, dispatch.indexOf("== 'ContactMaster'"))
                .chars().filter(c -> c == '\n').count();

        assertThat(ValidateRoutes.validate(shipped)).isEmpty();
        assertThat(ValidateRoutes.validate(broken)).extracting(RouteProblem::toString).containsExactly(
                "routes/dispatch.camel.yaml:" + property + ": property hub.no-such-property is not set"
                        + " (application.properties, environment or -D)",
                "routes/dispatch.camel.yaml:" + kamelet + ": no bean named bodXPth (beans are bound by the hub's Java wiring or declared under beans: in a route file)");
    }
}
