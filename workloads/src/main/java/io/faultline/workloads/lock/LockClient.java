package io.faultline.workloads.lock;

import io.faultline.client.Client;
import io.faultline.client.Freeze;
import io.faultline.env.Node;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.time.Duration;
import java.util.Optional;

/**
 * One process of the lock workload: {@code acquire} and {@code release} go to the store's lock
 * client; {@code read} and {@code write} run the critical section on the {@link SharedCounter}.
 * A careful holder: the read enters the section only if the lock client, by its own clock, can
 * count on the lock for the whole section ({@code section}: the hold before the write), and
 * refuses otherwise. The write then stores the value read plus one without checking again: the
 * check before it is the entry's, and a process pause after the last check (the client-pause
 * fault, which lands between two ops) is exactly what no check can catch and only fencing can.
 * Resource ops without the lock are refused without touching the resource. With fencing, the
 * write presents the token of the acquire that opened the section.
 */
final class LockClient implements Client {
    private final Client lock;
    private final SharedCounter counter;
    private final Duration section;
    private volatile boolean holding; // read by the nemesis thread (holdsLease)
    private Long token;
    private boolean readDone;
    private Long readValue;

    LockClient(Client lock, SharedCounter counter, Duration section) {
        this.lock = lock;
        this.counter = counter;
        this.section = section;
    }

    @Override
    public void open(Node node) throws Exception {
        lock.open(node);
    }

    @Override
    public Op invoke(Op inv) {
        return switch (inv.f()) {
            case "acquire" -> acquired(inv, lock.invoke(inv));
            case "release" -> {
                holding = false;
                readDone = false;
                yield lock.invoke(inv);
            }
            case "read" -> read(inv);
            case "write" -> write(inv);
            default -> complete(inv, OpType.FAIL, null, "the lock workload has no op '" + inv.f() + "'");
        };
    }

    private Op acquired(Op inv, Op done) {
        readDone = false;
        holding = done.type() == OpType.OK;
        token = holding && done.value() instanceof Number n ? n.longValue() : null;
        return done;
    }

    private Op read(Op inv) {
        if (!holding) return complete(inv, OpType.FAIL, null, "not holding the lock");
        Optional<String> lost = lock.lockLostWithin(section);
        if (lost.isPresent()) return complete(inv, OpType.FAIL, null, "not entering a " + section.toMillis() + " ms section: " + lost.get());
        readValue = counter.read();
        readDone = true;
        return complete(inv, OpType.OK, readValue, null);
    }

    private Op write(Op inv) {
        if (!holding || !readDone) {
            return complete(inv, OpType.FAIL, null, holding ? "nothing read in this critical section" : "not holding the lock");
        }
        readDone = false;
        long next = (readValue == null ? 0 : readValue) + 1;
        Optional<String> refused = counter.write(token, next);
        return refused.map(why -> complete(inv, OpType.FAIL, next, why)).orElseGet(() -> complete(inv, OpType.OK, next, null));
    }

    private static Op complete(Op inv, OpType type, Object value, String error) {
        return new Op(inv.index(), inv.time(), inv.process(), type, inv.f(), inv.key(), value, inv.node(), error);
    }

    @Override
    public boolean spent() {
        return lock.spent();
    }

    @Override
    public boolean holdsLease() {
        return holding && lock.holdsLease();
    }

    @Override
    public Freeze freeze() {
        return lock.freeze();
    }

    @Override
    public void thaw() {
        lock.thaw();
    }

    @Override
    public void close() {
        lock.close();
    }
}
