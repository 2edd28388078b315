package io.faultline.fault;

import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The hook the harness's own client workers expose to faults that act on clients rather than on
 * store nodes: a pause of a client (a stop-the-world GC pause of an application that holds a lock),
 * which no signal to a store process can stand for.
 */
public interface ClientControl {
    /**
     * Freezes one client that holds a lease right now, picked with {@code random}: its background
     * work stops at once and its worker invokes nothing until {@link #thawAll}. Empty when no client
     * holds a lease.
     */
    Optional<Frozen> freezeLeaseHolder(Random random);

    /** Thaws every frozen client; what each one went through. */
    List<Thawed> thawAll();

    /** How many clients are frozen now. */
    int frozenCount();

    /** For contexts without client workers (tests of store faults): nothing is ever frozen. */
    static ClientControl none() {
        return new ClientControl() {
            @Override
            public Optional<Frozen> freezeLeaseHolder(Random random) {
                return Optional.empty();
            }

            @Override
            public List<Thawed> thawAll() {
                return List.of();
            }

            @Override
            public int frozenCount() {
                return 0;
            }
        };
    }

    /**
     * @param process  the process whose client was frozen
     * @param node     the node it talks to
     * @param frozen   true when the client stopped its background work
     * @param detail   what it stopped, or why it could not
     */
    record Frozen(int process, String node, boolean frozen, String detail) {
    }

    /**
     * @param process      the process that was frozen
     * @param frozenMillis how long it stayed frozen
     * @param heldBack     the op its worker was kept from invoking (null: none came up while frozen)
     * @param heldMillis   how long that op waited
     */
    record Thawed(int process, long frozenMillis, String heldBack, long heldMillis) {
    }
}
