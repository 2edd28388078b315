package io.faultline.worker;

import io.faultline.client.Client;
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
    private int process;
    private Client client;

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
