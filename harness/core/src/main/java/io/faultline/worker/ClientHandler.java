package io.faultline.worker;

import io.faultline.client.Client;
import io.faultline.client.Freeze;
import io.faultline.fault.ClientControl;
import io.faultline.env.Node;
import io.faultline.generator.GenOp;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.recorder.Recorder;
import java.util.function.Supplier;

/**
 * One client thread. It acts as a sequence of processes: when an op ends {@code info}, the process
 * may still have a request in flight, so it is retired and the thread continues as process
 * {@code process + threads} with a fresh client (Jepsen's rule; the brief's history contract).
 */
public final class ClientHandler implements OpHandler {
    private final Supplier<Client> clients;
    private final Node node;
    private final String nodeName;
    private final int threads;
    private final Recorder recorder;
    private volatile int process;
    private volatile Client client;
    private final Object pause = new Object();
    private boolean frozen; // guarded by pause
    private long frozenAt; // guarded by pause; System.nanoTime()
    private String heldBack; // guarded by pause: the op kept waiting while frozen
    private long heldSince; // guarded by pause: System.nanoTime() when the held-back op came up

    public ClientHandler(int thread, int threads, Node node, Supplier<Client> clients, Recorder recorder) {
        this.process = thread;
        this.threads = threads;
        this.node = node;
        this.nodeName = node == null ? null : node.name();
        this.clients = clients;
        this.recorder = recorder;
    }

    public int process() {
        return process;
    }

    @Override
    public OpType handle(GenOp op) {
        awaitThaw(op.f());
        Op invocation = recorder.record(process, OpType.INVOKE, op.f(), op.key(), op.value(), nodeName, null);
        Op completion;
        String openError = ensureOpen();
        if (openError != null) {
            completion = new Op(0, 0, process, OpType.FAIL, op.f(), op.key(), null, nodeName, openError);
        } else {
            try {
                completion = client.invoke(invocation);
            } catch (RuntimeException e) {
                // A client must not throw; if it does we cannot know whether the op happened.
                completion = new Op(0, 0, process, OpType.INFO, op.f(), op.key(), null, nodeName, "client threw " + e);
            }
        }
        OpType type = completion.type() == OpType.INVOKE ? OpType.INFO : completion.type();
        Object value = completion.value();
        if (type != OpType.OK && value == null) value = invocation.value();
        // A store's order is only meaningful for an outcome it decided; an unknown one has no place.
        Long revision = type == OpType.INFO ? null : completion.revision();
        recorder.record(process, type, op.f(), op.key(), value, nodeName, completion.error(), revision);
        if (type == OpType.INFO || (client != null && client.spent())) retire();
        return type;
    }

    /**
     * Freezes this worker's client if it holds a lease: its background work stops now, and the next
     * op is held back until {@link #thaw}. An op already running completes (the pause lands between
     * two steps, as it would at any point in a process that holds the lock and has not checked it since).
     */
    ClientControl.Frozen freezeIfHolding() {
        synchronized (pause) {
            Client c = client;
            if (frozen || c == null || !c.holdsLease()) return null;
            Freeze f = c.freeze();
            if (f.frozen()) {
                frozen = true;
                frozenAt = System.nanoTime();
                heldBack = null;
            }
            return new ClientControl.Frozen(process, nodeName, f.frozen(), f.detail());
        }
    }

    /** Ends a freeze; null when this worker was not frozen. */
    ClientControl.Thawed thaw() {
        synchronized (pause) {
            if (!frozen) return null;
            frozen = false;
            Client c = client;
            if (c != null) c.thaw();
            pause.notifyAll();
            long now = System.nanoTime();
            // Measured here: the held-back worker only wakes after this monitor is released.
            return new ClientControl.Thawed(process, (now - frozenAt) / 1_000_000, heldBack,
                    heldBack == null ? 0 : (now - heldSince) / 1_000_000);
        }
    }

    boolean frozen() {
        synchronized (pause) {
            return frozen;
        }
    }

    private void awaitThaw(String f) {
        synchronized (pause) {
            if (!frozen) return;
            heldSince = System.nanoTime();
            heldBack = f;
            try {
                while (frozen) pause.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String ensureOpen() {
        if (client != null) return null;
        Client c = clients.get();
        try {
            c.open(node);
            client = c;
            return null;
        } catch (Exception e) {
            c.close();
            return "cannot open client: " + e.getMessage();
        }
    }

    private void retire() {
        if (client != null) client.close();
        client = null;
        process += threads;
    }

    @Override
    public void close() {
        if (client != null) client.close();
        client = null;
    }
}
