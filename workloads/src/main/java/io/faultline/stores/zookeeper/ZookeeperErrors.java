package io.faultline.stores.zookeeper;

import io.faultline.history.Errors;
import io.faultline.history.OpType;
import org.apache.zookeeper.KeeperException;

/**
 * Turns a ZooKeeper failure into {@code fail} (certainly not applied) or {@code info} (unknown).
 * <ul>
 * <li>A request that cannot change state fails, whatever went wrong.</li>
 * <li>CONNECTIONLOSS and OPERATIONTIMEOUT: the request may have reached the leader before the
 *     connection dropped, so a write is info.</li>
 * <li>SESSIONEXPIRED, SESSIONMOVED, NOTREADONLY, CONNECTIONLOSS before the client ever connected:
 *     the client refuses without sending, so fail.</li>
 * <li>Result codes (NONODE, NODEEXISTS, BADVERSION, ...) are the server's answer: fail.</li>
 * </ul>
 */
final class ZookeeperErrors {
    record Outcome(OpType type, String error) {
    }

    private ZookeeperErrors() {
    }

    static Outcome classify(Throwable t, boolean mutating) {
        OpType unknown = mutating ? OpType.INFO : OpType.FAIL;
        if (t instanceof InterruptedException) return new Outcome(unknown, "interrupted");
        if (t instanceof KeeperException k) {
            String error = k.code().name().toLowerCase(java.util.Locale.ROOT);
            return switch (k.code()) {
                case CONNECTIONLOSS -> new Outcome(unknown, "connection-loss");
                case OPERATIONTIMEOUT -> new Outcome(unknown, Errors.TIMED_OUT);
                case SYSTEMERROR, RUNTIMEINCONSISTENCY, DATAINCONSISTENCY, MARSHALLINGERROR, UNIMPLEMENTED,
                     REQUESTTIMEOUT -> new Outcome(unknown, error);
                default -> new Outcome(OpType.FAIL, error);
            };
        }
        return new Outcome(unknown, t.getClass().getSimpleName() + ": " + t.getMessage());
    }
}
