package io.faultline.stores.etcd;

import io.etcd.jetcd.common.exception.EtcdException;
import io.faultline.history.Errors;
import io.faultline.history.OpType;
import java.net.ConnectException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns a jetcd failure into {@code fail} (certainly not applied) or {@code info} (unknown).
 * <ul>
 * <li>A request that cannot change state fails, whatever went wrong.</li>
 * <li>Refused connections, "etcdserver: no leader", "too many requests", "unhealthy cluster" and
 *     argument/permission errors are answered before the request is proposed: fail.</li>
 * <li>DEADLINE_EXCEEDED, "request timed out", "leader changed", UNAVAILABLE after a connection
 *     existed, CANCELLED, UNKNOWN, INTERNAL, our own timeout: the proposal may still commit: info.</li>
 * </ul>
 */
final class EtcdErrors {
    /** The classification of one failure. */
    record Outcome(OpType type, String error) {
    }

    private static final String[] NOT_PROPOSED = {
            "no leader", "too many requests", "unhealthy cluster", "connection refused", "not capable",
            "key not found", "requested lease not found", "lease not found", "no route to host",
    };

    private EtcdErrors() {
    }

    static Outcome classify(Throwable t, boolean mutating) {
        Throwable c = unwrap(t);
        OpType unknown = mutating ? OpType.INFO : OpType.FAIL;
        if (c instanceof TimeoutException) return new Outcome(unknown, Errors.TIMED_OUT);
        if (c instanceof CancellationException) return new Outcome(unknown, "cancelled");
        if (c instanceof ConnectException) return new Outcome(OpType.FAIL, "connection refused: " + c.getMessage());
        String msg = String.valueOf(c.getMessage());
        String lower = msg.toLowerCase(Locale.ROOT);
        for (String s : NOT_PROPOSED) {
            if (lower.contains(s)) return new Outcome(OpType.FAIL, shorten(msg));
        }
        if (c instanceof EtcdException e) {
            return switch (e.getErrorCode()) {
                case INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, UNAUTHENTICATED,
                     RESOURCE_EXHAUSTED, FAILED_PRECONDITION, OUT_OF_RANGE, UNIMPLEMENTED ->
                        new Outcome(OpType.FAIL, e.getErrorCode() + ": " + shorten(msg));
                case DEADLINE_EXCEEDED -> new Outcome(unknown, Errors.TIMED_OUT + ": " + shorten(msg));
                default -> new Outcome(unknown, e.getErrorCode() + ": " + shorten(msg));
            };
        }
        return new Outcome(unknown, c.getClass().getSimpleName() + ": " + shorten(msg));
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof ExecutionException || c instanceof CompletionException) && c.getCause() != null) c = c.getCause();
        // jetcd wraps gRPC and Vert.x failures; a refused connect is the useful part.
        for (Throwable x = c; x != null; x = x.getCause()) {
            if (x instanceof ConnectException) return x;
            if (x.getCause() == x) break;
        }
        return c;
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
