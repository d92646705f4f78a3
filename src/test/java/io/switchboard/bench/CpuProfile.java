package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the hub's CPU went, from a JFR recording of the footprint run (16 connections, 1 KiB): execution
 * samples by the library of their top frame (self time), and by the first Switchboard method on their
 * stack (inclusive time of our own code paths).
 */
final class CpuProfile {

    private CpuProfile() {
    }

    static String summarise(Path jfr) throws IOException {
        Map<String, Integer> byLibrary = new HashMap<>();
        Map<String, Integer> byOwnCode = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            byLibrary.merge(library(frames.get(0).getMethod().getType().getName()), 1, Integer::sum);
            String own = frames.stream().map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName())
                    .filter(name -> name.startsWith("io.switchboard.")).findFirst().orElse("(no Switchboard frame)");
            byOwnCode.merge(own.substring(own.startsWith("io.switchboard.") ? "io.switchboard.".length() : 0), 1,
                    Integer::sum);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d execution samples.%n%n| self time in | share |%n|---|--:|%n",
                samples));
        top(byLibrary, samples, 12).forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        out.append("\n| innermost Switchboard method on the stack | share |\n|---|--:|\n");
        top(byOwnCode, samples, 15).forEach((k, v) -> out.append("| `").append(k).append("` | ").append(v)
                .append(" |\n"));
        return out.toString();
    }

    private static Map<String, String> top(Map<String, Integer> counts, int total, int n) {
        Map<String, String> top = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .forEach(e -> top.put(e.getKey(), String.format(Locale.ROOT, "%.1f %%", 100.0 * e.getValue() / total)));
        return top;
    }

    private static String library(String type) {
        String[][] libraries = {{"org.h2.", "H2"}, {"org.postgresql.", "PostgreSQL driver"},
            {"io.netty.", "Netty"}, {"io.vertx.", "Vert.x"}, {"org.apache.camel.", "Camel"},
            {"com.fasterxml.", "Jackson"}, {"com.zaxxer.", "Hikari"}, {"ch.qos.logback.", "Logback"},
            {"org.slf4j.", "Logback"}, {"io.micrometer.", "Micrometer"}, {"io.switchboard.", "Switchboard"},
            {"com.sun.org.apache.xpath", "XPath (JDK)"}, {"com.sun.org.apache.xerces", "XML parser (JDK)"},
            {"com.sun.org.apache.xml", "XML (JDK)"}, {"javax.xml", "XML (JDK)"}, {"java.util.regex", "regex (JDK)"},
            {"sun.nio.", "NIO / file (JDK)"}, {"java.nio.", "NIO / file (JDK)"}, {"java.util.concurrent", "j.u.c (JDK)"},
            {"java.", "other JDK"}, {"jdk.", "other JDK"}, {"sun.", "other JDK"}};
        for (String[] l : libraries) {
            if (type.startsWith(l[0])) {
                return l[1];
            }
        }
        return "other";
    }
}
