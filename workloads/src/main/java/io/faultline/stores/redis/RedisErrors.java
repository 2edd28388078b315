package io.faultline.stores.redis;

import io.faultline.history.Errors;
import io.faultline.history.OpType;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.NoSuchElementException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Turns a Jedis failure into {@code fail} (certainly not applied) or {@code info} (unknown).
 * <ul>
 * <li>A request that cannot change state fails, whatever went wrong.</li>
 * <li>Nothing sent: no connection from the pool (refused, timed out connecting, pool exhausted,
 *     no primary known): fail.</li>
 * <li>An error reply ({@code READONLY} from a demoted primary, {@code NOREPLICAS} under
 *     min-replicas-to-write, {@code EXECABORT}, {@code MASTERDOWN}, {@code LOADING}): Redis
 *     refused the command and ran nothing of it: fail.</li>
 * <li>A timeout or a dropped connection after the request was sent: the server may have run it: info.</li>
 * </ul>
 */
final class RedisErrors {
    record Outcome(OpType type, String error) {
    }

    private RedisErrors() {
    }

    /** @param sent whether the request may have left the client (false while borrowing a connection) */
    static Outcome classify(Throwable t, boolean mutating, boolean sent) {
        OpType unknown = mutating ? OpType.INFO : OpType.FAIL;
        if (!sent || t instanceof NoSuchElementException) return new Outcome(OpType.FAIL, "no connection to the primary: " + text(t));
        if (t instanceof JedisDataException d) return new Outcome(OpType.FAIL, shorten(String.valueOf(d.getMessage())));
        if (t instanceof JedisConnectionException c) {
            for (Throwable x = c; x != null; x = x.getCause()) {
                if (x instanceof ConnectException) return new Outcome(OpType.FAIL, "connection refused: " + text(x));
                if (x instanceof SocketTimeoutException) return new Outcome(unknown, Errors.TIMED_OUT);
                if (x.getCause() == x) break;
            }
            return new Outcome(unknown, "connection lost: " + text(c));
        }
        return new Outcome(unknown, text(t));
    }

    private static String text(Throwable t) {
        return shorten(t.getClass().getSimpleName() + ": " + t.getMessage());
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
