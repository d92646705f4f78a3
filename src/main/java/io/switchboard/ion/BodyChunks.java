package io.switchboard.ion;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.buffer.Buffer;

/**
 * A request body as it arrives, joined into one exactly sized array at the end: one copy per byte,
 * where a growing Buffer copied each time it grew and once more to hand its bytes over.
 */
final class BodyChunks {

    private final List<Buffer> chunks = new ArrayList<>(4);
    private int length;

    void add(Buffer chunk) {
        chunks.add(chunk);
        length += chunk.length();
    }

    int length() {
        return length;
    }

    byte[] bytes() {
        byte[] bytes = new byte[length];
        int at = 0;
        for (Buffer chunk : chunks) {
            chunk.getBytes(bytes, at);
            at += chunk.length();
        }
        return bytes;
    }
}
