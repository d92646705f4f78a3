package io.switchboard.routes;

/** One thing wrong with a route file, where an engineer finds it: file:line and a plain sentence. */
public record RouteProblem(String file, int line, String message) {

    /** {@code routes/dispatch.camel.yaml:42: unknown property {{hub.x}}} */
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
