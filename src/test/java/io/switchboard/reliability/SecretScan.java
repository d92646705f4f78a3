package io.switchboard.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/** Counts the lines (logs, HTTP answers, JMX values) that contain a configured secret value; must be 0. */
final class SecretScan {

    private SecretScan() {
    }

    static int leaks(List<String> secrets, List<Path> logs, Collection<String> answers) {
        int leaks = 0;
        for (Path log : logs) {
            try (var lines = Files.lines(log)) {
                leaks += (int) lines.filter(line -> leaked(secrets, line)).peek(line ->
                        System.out.println("event=secret-leak where=" + log.getFileName() + " line=" + redacted(line)))
                        .count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String answer : answers) {
            if (leaked(secrets, answer)) {
                System.out.println("event=secret-leak where=http-answer");
                leaks++;
            }
        }
        return leaks;
    }

    static boolean leaked(List<String> secrets, String text) {
        return text != null && secrets.stream().anyMatch(text::contains);
    }

    private static String redacted(String line) {
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
