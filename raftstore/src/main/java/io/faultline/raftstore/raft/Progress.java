package io.faultline.raftstore.raft;

import java.util.ArrayDeque;

/** The leader's view of one follower. */
final class Progress {
    enum State { PROBE, REPLICATE, SNAPSHOT }

    long match;
    long next;
    State state = State.PROBE;
    /** In PROBE, one append is outstanding until a response or heartbeat response arrives. */
    boolean probeSent;
    long pendingSnapshot;
    /** Last index of each in-flight append, oldest first; bounds pipelining. */
    final ArrayDeque<Long> inflight = new ArrayDeque<>();
    boolean recentActive;
    long lastHeardTick;
    long readAck;

    Progress(long next) {
        this.next = next;
    }

    boolean paused(int maxInflight) {
        return switch (state) {
            case PROBE -> probeSent;
            case REPLICATE -> inflight.size() >= maxInflight;
            case SNAPSHOT -> true;
        };
    }

    void becomeProbe() {
        if (state == State.SNAPSHOT) {
            next = Math.max(match + 1, pendingSnapshot + 1);
        } else {
            next = match + 1;
        }
        state = State.PROBE;
        probeSent = false;
        pendingSnapshot = 0;
        inflight.clear();
    }

    void becomeReplicate() {
        state = State.REPLICATE;
        next = match + 1;
        probeSent = false;
        inflight.clear();
    }

    void becomeSnapshot(long index) {
        state = State.SNAPSHOT;
        pendingSnapshot = index;
        inflight.clear();
    }

    /** Returns true when match advanced. */
    boolean maybeUpdate(long n) {
        boolean updated = false;
        if (match < n) {
            match = n;
            updated = true;
            probeSent = false;
        }
        if (next < n + 1) next = n + 1;
        while (!inflight.isEmpty() && inflight.peekFirst() <= n) inflight.pollFirst();
        return updated;
    }
}
