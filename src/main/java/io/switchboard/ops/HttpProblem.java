package io.switchboard.ops;

/**
 * A request the hub refuses, with the status and the JSON error body to answer:
 * {"error":"<code>","message":"<what is wrong>"}. Throw it from any HTTP route.
 */
public class HttpProblem extends RuntimeException {

    private final int status;
    private final String code;

    public HttpProblem(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static HttpProblem badRequest(String code, String message) {
        return new HttpProblem(400, code, message);
    }

    public static HttpProblem unauthorized(String message) {
        return new HttpProblem(401, "unauthorized", message);
    }

    public static HttpProblem forbidden(String message) {
        return new HttpProblem(403, "forbidden", message);
    }

    public static HttpProblem notFound(String message) {
        return new HttpProblem(404, "not_found", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
