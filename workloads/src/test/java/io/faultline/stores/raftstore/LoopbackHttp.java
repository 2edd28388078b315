package io.faultline.stores.raftstore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server standing in for a raftstore node in the client tests: every request is
 * read whole and answered with the handler's status and body, each on its own virtual thread (so a
 * slow answer holds up no other request).
 */
final class LoopbackHttp implements AutoCloseable {
    record Reply(int status, String body) {
    }

    interface Handler {
        /** The answer to {@code ex}, whose request body has already been read as {@code body}. */
        Reply answer(HttpExchange ex, String body) throws IOException;
    }

    private final HttpServer server;

    LoopbackHttp(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            Reply r = handler.answer(ex, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(r.status(), bytes.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(bytes);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** host:port, as the raftstore clients take it. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
