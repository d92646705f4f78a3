package io.switchboard.ion;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IMS initialisation step 2, "checks whether the ION version is v3 or later": ION may list v4 (or only v4);
 * the hub then uses the highest version it speaks that is not above ION's highest.
 */
public final class IonProtocolVersions {

    /** Versions this hub implements, highest last. */
    public static final List<Integer> SPOKEN = List.of(3);

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)(?:\\.\\d+)*");

    private IonProtocolVersions() {
    }

    /** The version path segment to use ("v3"), or empty when ION offers nothing from v3 on. */
    public static Optional<String> choose(List<String> offered) {
        int highest = offered.stream().mapToInt(IonProtocolVersions::number).max().orElse(-1);
        return SPOKEN.stream().filter(v -> v <= highest).reduce((a, b) -> b).map(v -> "v" + v);
    }

    private static int number(String version) {
        Matcher m = VERSION.matcher(version.trim().toLowerCase(Locale.ROOT));
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
