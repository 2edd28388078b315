package io.faultline.raftstore.http;

import io.faultline.raftstore.kv.Command;
import io.faultline.raftstore.kv.MicroOp;
import io.faultline.raftstore.kv.Result;
import io.faultline.raftstore.net.HostPort;
import io.faultline.raftstore.node.Outcome;
import io.faultline.raftstore.node.RaftServer;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client API: HTTP/JSON on {@link Http1Server} (a thread per connection). A node that is
 * not the leader forwards the request to the leader itself (once; a forwarded request that
 * reaches a non-leader gets 503).
 */
public final class HttpApi implements AutoCloseable {
    private static final String FORWARDED = "X-Raftstore-Forwarded";
    private static final long TIMEOUT_MS = 5_000;

    private final RaftServer server;
    private static final int MAX_CONNECTIONS = 1024;

    private final Http1Server http;
    /** Forwards a follower's requests to the leader over pooled keep-alive connections. */
    private final Forwarder forwarder = new Forwarder(1000);

    /** {@code body} is rendered as JSON, except a byte[] which is passed on as it is (a forwarded answer). */
    private record Reply(int status, Object body) { }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String m) {
            super(m);
        }
    }

    public HttpApi(RaftServer server, HostPort addr) throws IOException {
        this.server = server;
        this.http = new Http1Server(addr, this::handle, MAX_CONNECTIONS);
    }

    private Response handle(Request ex) {
        Reply r;
        try {
            r = route(ex);
        } catch (BadRequest | IllegalArgumentException e) {
            r = new Reply(400, Json.obj("error", e.getMessage()));
        } catch (RuntimeException e) {
            r = new Reply(500, Json.obj("error", "internal error: " + e));
        }
        byte[] body = r.body() instanceof byte[] raw ? raw : Json.write(r.body()).getBytes(StandardCharsets.UTF_8);
        return new Response(r.status(), body);
    }

    private Reply route(Request ex) {
        String method = ex.method();
        String path = ex.path();
        String query = ex.query();
        byte[] raw = ex.body();
        String body = new String(raw, StandardCharsets.UTF_8);
        if (path.equals("/status") && method.equals("GET")) {
            return new Reply(200, await(server.status()));
        }
        if (path.startsWith("/kv/")) {
            String rest = path.substring(4);
            boolean cas = rest.endsWith("/cas");
            if (cas) rest = rest.substring(0, rest.length() - 4);
            if (rest.isEmpty() || rest.contains("/")) throw new BadRequest("path " + path + ": expected /kv/{key} or /kv/{key}/cas");
            String key = URLDecoder.decode(rest, StandardCharsets.UTF_8);
            if (cas && method.equals("POST")) {
                Map<String, Object> m = object(body);
                if (!m.containsKey("new")) throw new BadRequest("cas body: missing \"new\"");
                return outcome(ex, raw, session(ex, new Command.Cas(key, str(m.get("expected"), "expected"),
                        requireStr(m.get("new"), "new"))));
            }
            switch (method) {
                case "GET" -> {
                    boolean serializable = query != null && query.contains("consistency=serializable");
                    if (query != null && query.contains("consistency=") && !serializable && !query.contains("consistency=linearizable")) {
                        throw new BadRequest("consistency must be linearizable or serializable, got " + query);
                    }
                    return outcome(ex, raw, server.read(key, serializable));
                }
                case "PUT" -> {
                    Map<String, Object> m = object(body);
                    if (!m.containsKey("value")) throw new BadRequest("put body: missing \"value\"");
                    return outcome(ex, raw, session(ex, new Command.Put(key, requireStr(m.get("value"), "value"))));
                }
                case "DELETE" -> {
                    return outcome(ex, raw, session(ex, new Command.Delete(key)));
                }
                default -> {
                    return new Reply(405, Json.obj("error", method + " not allowed on " + path));
                }
            }
        }
        if (path.equals("/txn") && method.equals("POST")) {
            Map<String, Object> m = object(body);
            if (!(m.get("ops") instanceof List<?> ops)) throw new BadRequest("txn body: \"ops\" must be a list of [f, key, value]");
            var micro = new ArrayList<MicroOp>();
            for (int i = 0; i < ops.size(); i++) {
                if (!(ops.get(i) instanceof List<?> op) || op.size() != 3) {
                    throw new BadRequest("txn ops[" + i + "]: expected [f, key, value]");
                }
                String f = requireStr(op.get(0), "ops[" + i + "][0]");
                String k = requireStr(op.get(1), "ops[" + i + "][1]");
                Object v = op.get(2);
                if (f.equals("r")) v = null;
                else v = requireStr(v instanceof Long l ? l.toString() : v, "ops[" + i + "][2]");
                try {
                    micro.add(new MicroOp(f, k, v));
                } catch (IllegalArgumentException e) {
                    throw new BadRequest("txn ops[" + i + "]: " + e.getMessage());
                }
            }
            if (micro.isEmpty()) throw new BadRequest("txn body: \"ops\" is empty");
            return outcome(ex, raw, session(ex, new Command.Txn(micro)));
        }
        if (path.startsWith("/admin/")) return admin(ex, method, path, query, body);
        return new Reply(404, Json.obj("error", "no such endpoint: " + method + " " + path));
    }

    private Reply admin(Request ex, String method, String path, String query, String body) {
        CompletableFuture<String> result;
        if (path.equals("/admin/transfer") && method.equals("POST")) {
            String to = query == null ? null : param(query, "to");
            if (to == null) throw new BadRequest("transfer: missing ?to=ID");
            result = server.transfer(to);
        } else if (path.equals("/admin/members") && method.equals("POST")) {
            Map<String, Object> m = object(body);
            String id = requireStr(m.get("id"), "id");
            HostPort peer = HostPort.parse("peer", requireStr(m.get("peer"), "peer"));
            HostPort cl = HostPort.parse("client", requireStr(m.get("client"), "client"));
            result = server.addMember(id, peer, cl);
        } else if (path.startsWith("/admin/members/") && method.equals("DELETE")) {
            result = server.removeMember(path.substring("/admin/members/".length()));
        } else {
            return new Reply(404, Json.obj("error", "no such endpoint: " + method + " " + path));
        }
        // The server gives up on its own (30 s at most for an add); this bound only guards against a stuck loop.
        String err = await(result.thenApply(e -> e == null ? "" : e), 60_000);
        if (err == null) return new Reply(504, Json.obj("error", "timed out; the change may still complete"));
        if (err.isEmpty()) return new Reply(200, Json.obj("ok", true));
        return new Reply(err.contains("not the leader") ? 503 : 409, Json.obj("error", err));
    }

    private static String param(String query, String name) {
        for (String kv : query.split("&")) {
            if (kv.startsWith(name + "=")) return URLDecoder.decode(kv.substring(name.length() + 1), StandardCharsets.UTF_8);
        }
        return null;
    }

    private CompletableFuture<Outcome> session(Request ex, Command c) {
        String id = ex.header("Client-Id");
        String seq = ex.header("Client-Seq");
        long s = 0;
        if (id != null) {
            if (seq == null) throw new BadRequest("Client-Id given without Client-Seq");
            try {
                s = Long.parseLong(seq.trim());
            } catch (NumberFormatException e) {
                throw new BadRequest("Client-Seq must be an integer, got \"" + seq + "\"");
            }
        }
        return server.command(id, s, c);
    }

    private <T> T await(CompletableFuture<T> f) {
        return await(f, TIMEOUT_MS);
    }

    /** The value, or null on timeout. */
    private <T> T await(CompletableFuture<T> f, long timeoutMs) {
        try {
            return f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private Reply outcome(Request ex, byte[] raw, CompletableFuture<Outcome> f) {
        Outcome o = await(f);
        return switch (o) {
            case null -> new Reply(504, Json.obj("error", "timed out waiting for commit; the outcome is unknown"));
            case Outcome.Ok ok -> new Reply(200, render(ok.result()));
            case Outcome.Failed fl -> new Reply(503, Json.obj("error", fl.reason()));
            case Outcome.Unknown u -> new Reply(504, Json.obj("error", u.reason() + "; the outcome is unknown"));
            case Outcome.NotLeader nl -> forward(ex, raw, nl.leader());
        };
    }

    private Reply forward(Request ex, byte[] raw, String leader) {
        if (leader == null || leader.equals(server.id())) return new Reply(503, Json.obj("error", "no leader known"));
        if (ex.header(FORWARDED) != null) {
            return new Reply(503, Json.obj("error", "forwarded request reached " + server.id() + ", which is not the leader"));
        }
        String addr = server.clientAddressOf(leader);
        if (addr == null) return new Reply(503, Json.obj("error", "leader " + leader + " has no known client address"));
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put(FORWARDED, server.id());
        for (String h : List.of("Client-Id", "Client-Seq", "Content-Type")) {
            String v = ex.header(h);
            if (v != null) headers.put(h, v);
        }
        int colon = addr.lastIndexOf(':');
        Forwarder.Answer a;
        try {
            a = forwarder.send(addr.substring(0, colon), Integer.parseInt(addr.substring(colon + 1)), ex.method(), ex.target(),
                    headers, raw, (int) TIMEOUT_MS + 1000);
        } catch (ConnectException | java.net.NoRouteToHostException e) {
            return new Reply(503, Json.obj("error", "cannot reach leader " + leader + " at " + addr));
        } catch (java.net.SocketTimeoutException e) {
            return new Reply(504, Json.obj("error", "leader " + leader + " did not answer in time; the outcome is unknown"));
        } catch (IOException e) {
            return new Reply(504, Json.obj("error", "forwarding to " + leader + " failed: " + e.getMessage()
                    + "; the outcome is unknown"));
        }
        return new Reply(a.status(), a.body());
    }

    private static Object render(Result r) {
        return switch (r) {
            case Result.Put p -> Json.obj("revision", p.revision());
            case Result.Delete d -> Json.obj("revision", d.revision(), "deleted", d.deleted());
            case Result.Cas c -> Json.obj("succeeded", c.succeeded(), "value", c.value(), "revision", c.revision());
            case Result.Read rd -> Json.obj("key", rd.key(), "value", rd.value(), "revision", rd.revision());
            case Result.Txn t -> {
                var ops = new ArrayList<Object>();
                for (MicroOp op : t.ops()) ops.add(java.util.Arrays.asList(op.f(), op.key(), op.value()));
                yield Json.obj("ops", ops, "revision", t.revision());
            }
            case Result.StaleSession s -> Json.obj("error", "Client-Seq " + s.seq() + " of " + s.clientId()
                    + " is older than the session's last; its result was discarded", "revision", s.revision());
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String body) {
        if (body.isBlank()) throw new BadRequest("missing JSON body");
        Object o = Json.parse(body);
        if (!(o instanceof Map<?, ?> m)) throw new BadRequest("body must be a JSON object");
        return (Map<String, Object>) m;
    }

    private static String str(Object v, String field) {
        if (v == null) return null;
        return requireStr(v, field);
    }

    private static String requireStr(Object v, String field) {
        if (v instanceof String s) return s;
        throw new BadRequest("\"" + field + "\" must be a string, got " + (v == null ? "null" : Json.write(v)));
    }

    @Override
    public void close() {
        http.close();
        forwarder.close();
    }
}
