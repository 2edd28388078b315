package io.faultline.stores.raftstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.db.Db;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The election workload on raftstore: a lease lock on one key, built only from raftstore's
 * linearizable {@code GET /kv} and {@code cas}. The key's value names the holder and the end of
 * its lease ({@link LeaseValue}).
 * <ul>
 * <li><b>acquire</b>: cas from absent, or from a value whose lease has ended by this client's
 *     clock, to our own value; while someone else's lease runs, poll with reads until it ends,
 *     is released, or {@code lock-wait-ms} passes. The fencing token is the revision of the
 *     winning cas: the Raft log index at which it applied.</li>
 * <li>The holder renews in the background every {@code lock-renew-ms} by cas from its own
 *     value (the way a Kubernetes-style leader keeps its lease), and a renewal answer that was
 *     lost is recognised later by the owner name in the value.</li>
 * <li><b>hold</b> is the holder's own belief, checked when the op runs: acknowledged while the
 *     last confirmed lease (counted from when that request was sent) has more than
 *     {@code lock-margin-ms} left. Past that point the holder stops claiming the lock for good,
 *     even if a late renewal lands afterwards.</li>
 * <li><b>release</b>: cas from our value to the same owner with a lease that ended at the epoch
 *     (raftstore's cas cannot delete, and a lease in the past is free to everyone); refused
 *     without a request once our lease has run out (the lock frees itself then).</li>
 * </ul>
 * Nothing here keeps two holders apart except raftstore's cas being linearizable and the clients
 * sharing a clock; under a store fault that acknowledges uncommitted writes, two acquires can both
 * win, and the election checker sees it.
 *
 * <p>Why the index alone is the token: committed Raft entries are totally ordered by index, and
 * terms never decrease along the log, so (term, index) orders grants exactly as index does. The
 * term is not in the cas answer; reading it from {@code /status} in a second request could name
 * a later term than the one the entry was written in, so it is not recorded.
 */
final class ElectionClient extends RaftstoreClient {
    private static final long POLL_MILLIS = 50;

    /**
     * What this client believes about its current acquisition. Replaced, never mutated, under
     * the client's monitor; {@code ended} non-null means the holder has stopped claiming the lock.
     */
    private record Holding(long epoch, String key, String owner, long token, String value, long confirmedUntil,
                           String ended) {
        Holding renewed(String newValue, long until) {
            return new Holding(epoch, key, owner, token, newValue, Math.max(until, confirmedUntil), null);
        }

        Holding ending(String why) {
            return new Holding(epoch, key, owner, token, value, confirmedUntil, why);
        }
    }

    private final LeaseSettings lease;
    private final LongSupplier wallMillis;
    private Holding holding; // guarded by this
    private Thread renewer; // guarded by this
    private long acquisitions;
    private boolean frozen; // guarded by this: a client pause; the renewer renews nothing meanwhile

    ElectionClient(Db db, ObjectMapper json, Duration timeout, LeaseSettings lease, LongSupplier wallMillis) {
        super(db, json, timeout);
        this.lease = lease;
        this.wallMillis = wallMillis;
    }

    @Override
    protected Op run(Op inv) {
        if (inv.key() == null) return complete(inv, OpType.FAIL, null, "election ops need a key (the lock's name)");
        return switch (inv.f()) {
            case "acquire" -> acquire(inv);
            case "hold" -> hold(inv);
            case "release" -> release(inv);
            default -> complete(inv, OpType.FAIL, inv.value(), "raftstore election client has no op '" + inv.f() + "'");
        };
    }

    private Op acquire(Op inv) {
        synchronized (this) {
            if (holding != null && holding.ended() == null) {
                return complete(inv, OpType.FAIL, null, "already holds the lock with token " + holding.token());
            }
            holding = null;
        }
        String owner = "p" + inv.process() + "." + (++acquisitions) + "@" + node;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lease.waitMillis());
        String seen = null; // the lock's value as last observed; null = absent
        boolean known = true; // first guess: the lock is free, so the common case costs one request
        String why = "no answer yet";
        int races = 0;
        while (true) {
            if (!known) {
                RaftstoreHttp.Reply r = http.get(path(inv.key()));
                if (r instanceof RaftstoreHttp.Reply.Failed f) {
                    why = "read: " + f.error();
                    if (!pause(deadline)) return complete(inv, OpType.FAIL, null, notAcquired(why));
                    continue;
                }
                seen = text(((RaftstoreHttp.Reply.Ok) r).body().get("value"));
                known = true;
            }
            if (seen != null) {
                Optional<LeaseValue> other = LeaseValue.parse(seen);
                if (other.isEmpty()) {
                    return complete(inv, OpType.FAIL, null, "the lock key '" + inv.key() + "' holds '" + seen + "', not a lease");
                }
                if (other.get().expiresAtMillis() >= wallMillis.getAsLong()) {
                    why = "held by " + other.get().owner() + " until " + Instant.ofEpochMilli(other.get().expiresAtMillis());
                    known = false;
                    if (!pause(deadline)) return complete(inv, OpType.FAIL, null, notAcquired(why));
                    continue;
                }
            }
            // Free, or its lease has ended by our clock: take it over from exactly what we saw.
            LeaseValue mine = new LeaseValue(owner, wallMillis.getAsLong() + lease.leaseMillis());
            RaftstoreHttp.Reply r = cas(http, inv.key(), seen, mine.encode());
            if (r instanceof RaftstoreHttp.Reply.Failed f) {
                if (f.type() == OpType.INFO) return complete(inv, OpType.INFO, null, "acquire: " + f.error());
                why = "cas: " + f.error();
                known = false;
                if (!pause(deadline)) return complete(inv, OpType.FAIL, null, notAcquired(why));
                continue;
            }
            JsonNode body = ((RaftstoreHttp.Reply.Ok) r).body();
            if (!body.path("succeeded").asBoolean(false)) {
                seen = text(body.get("value")); // someone else moved first; decide again from what is there now
                why = "lost a race to " + LeaseValue.parse(seen).map(LeaseValue::owner).orElse(String.valueOf(seen));
                // Every attempt so far got a definite answer, so giving up here is a certain fail; the
                // first attempt was only a guess that the lock is absent, so it never counts as a try.
                if (++races > 1 && System.nanoTime() - deadline > 0) return complete(inv, OpType.FAIL, null, notAcquired(why));
                continue;
            }
            JsonNode revision = body.get("revision");
            if (revision == null || !revision.canConvertToLong()) {
                return complete(inv, OpType.INFO, null, "cas succeeded but its answer has no revision: " + body);
            }
            long token = revision.asLong();
            long now = wallMillis.getAsLong();
            if (now >= mine.expiresAtMillis() - lease.marginMillis()) {
                // The lease was spent in flight: the store names us, but we never act as holder.
                return complete(inv, OpType.FAIL, null, "lease-expired: won at index " + token + " but the answer came "
                        + (now - mine.expiresAtMillis() + lease.leaseMillis()) + " ms after sending, too late to hold a "
                        + lease.leaseMillis() + " ms lease");
            }
            startHolding(new Holding(acquisitions, inv.key(), owner, token, mine.encode(), mine.expiresAtMillis(), null));
            return complete(inv, OpType.OK, token, null);
        }
    }

    private String notAcquired(String why) {
        return "not acquired within " + lease.waitMillis() + " ms: " + why;
    }

    /** Sleeps one poll interval unless that passes the deadline; false when time is up. */
    private static boolean pause(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        try {
            Thread.sleep(Duration.ofNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    private synchronized void startHolding(Holding h) {
        holding = h;
        RaftstoreHttp wire = http;
        renewer = Thread.ofVirtual().name("raftstore-lease-" + h.owner()).start(() -> renewLoop(h.epoch(), wire));
    }

    private Op hold(Op inv) {
        synchronized (this) {
            Holding h = holding;
            if (h == null) return complete(inv, OpType.FAIL, null, "not-holder");
            if (h.ended() == null) {
                String expired = expired(h);
                if (expired == null) return complete(inv, OpType.OK, h.token(), null);
                holding = h.ending(expired);
            }
            return complete(inv, OpType.FAIL, null, holding.ended());
        }
    }

    /** Why the holder must stop claiming the lock now by its own clock, or null while it may. */
    private String expired(Holding h) {
        return expiredWithin(h, 0);
    }

    /** Why the holder cannot count on the lock {@code aheadMillis} from now by its own clock, or null while it can. */
    private String expiredWithin(Holding h, long aheadMillis) {
        long now = wallMillis.getAsLong();
        if (now + aheadMillis < h.confirmedUntil() - lease.marginMillis()) return null;
        return "lease-expired: no renewal confirmed past " + Instant.ofEpochMilli(h.confirmedUntil()) + " (now "
                + Instant.ofEpochMilli(now) + (aheadMillis > 0 ? " + " + aheadMillis + " ms ahead" : "") + ", margin "
                + lease.marginMillis() + " ms)";
    }

    private Op release(Op inv) {
        Holding h;
        synchronized (this) {
            h = holding;
            holding = null;
            stopRenewer();
        }
        if (h == null) return complete(inv, OpType.FAIL, null, "not-holder");
        String ended = h.ended() != null ? h.ended() : expired(h);
        if (ended != null) return complete(inv, OpType.FAIL, null, ended);
        String from = h.value();
        for (int attempt = 0; ; attempt++) {
            RaftstoreHttp.Reply r = cas(http, h.key(), from, new LeaseValue(h.owner(), 0).encode());
            if (r instanceof RaftstoreHttp.Reply.Failed f) return complete(inv, f.type(), null, "release: " + f.error());
            JsonNode body = ((RaftstoreHttp.Reply.Ok) r).body();
            if (body.path("succeeded").asBoolean(false)) return complete(inv, OpType.OK, h.token(), null);
            String current = text(body.get("value"));
            Optional<LeaseValue> lv = LeaseValue.parse(current);
            if (attempt == 0 && lv.isPresent() && lv.get().owner().equals(h.owner())) {
                from = current; // a renewal whose answer is still on its way landed first
                continue;
            }
            // While we still believed we held it, the lock was taken: evidence of two holders.
            return complete(inv, OpType.FAIL, null, "lock-taken: the lock holds " + (current == null ? "nothing" : "'" + current + "'")
                    + " although our lease ran until " + Instant.ofEpochMilli(h.confirmedUntil()));
        }
    }

    private void renewLoop(long epoch, RaftstoreHttp wire) {
        while (true) {
            try {
                Thread.sleep(lease.renewMillis());
            } catch (InterruptedException e) {
                return;
            }
            Holding h;
            synchronized (this) {
                h = holding;
                if (h == null || h.epoch() != epoch || h.ended() != null) return;
                if (frozen) continue;
                String expired = expired(h);
                if (expired != null) {
                    holding = h.ending(expired);
                    return;
                }
            }
            LeaseValue next = new LeaseValue(h.owner(), wallMillis.getAsLong() + lease.leaseMillis());
            RaftstoreHttp.Reply r = cas(wire, h.key(), h.value(), next.encode());
            synchronized (this) {
                if (holding != h) return; // released, ended or closed while the request was out
                if (r instanceof RaftstoreHttp.Reply.Ok ok) {
                    JsonNode body = ok.body();
                    if (body.path("succeeded").asBoolean(false)) {
                        holding = h.renewed(next.encode(), next.expiresAtMillis());
                    } else {
                        String current = text(body.get("value"));
                        Optional<LeaseValue> lv = LeaseValue.parse(current);
                        if (lv.isPresent() && lv.get().owner().equals(h.owner())) {
                            holding = h.renewed(current, lv.get().expiresAtMillis());
                        } else {
                            holding = h.ending("lease-lost: a renewal found the lock holding "
                                    + (current == null ? "nothing" : "'" + current + "'") + " at revision " + body.path("revision").asLong());
                            return;
                        }
                    }
                }
                // A failed or unanswered renewal changes nothing we know: the confirmed lease still runs out on time.
            }
        }
    }

    @Override
    public synchronized boolean holdsLease() {
        return holding != null && holding.ended() == null;
    }

    @Override
    public synchronized Optional<String> lockLostWithin(Duration ahead) {
        Holding h = holding;
        if (h == null) return Optional.of("not-holder");
        if (h.ended() != null) return Optional.of(h.ended());
        return Optional.ofNullable(expiredWithin(h, ahead.toMillis()));
    }

    /** A pause of the whole client: the background renewer renews nothing until the thaw. */
    @Override
    public synchronized io.faultline.client.Freeze freeze() {
        frozen = true;
        return io.faultline.client.Freeze.done("renewals of " + (holding == null ? "no lease" : holding.owner() + "'s lease (lock-lease-ms "
                + lease.leaseMillis() + ")") + " stopped");
    }

    @Override
    public synchronized void thaw() {
        frozen = false;
    }

    private RaftstoreHttp.Reply cas(RaftstoreHttp wire, String key, String expected, String next) {
        Map<String, Object> body = new HashMap<>();
        body.put("expected", expected);
        body.put("new", next);
        return wire.send("POST", path(key) + "/cas", body, true);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private void stopRenewer() {
        if (renewer != null) renewer.interrupt();
        renewer = null;
    }

    @Override
    public void close() {
        synchronized (this) {
            holding = null;
            stopRenewer();
        }
        super.close();
    }
}
