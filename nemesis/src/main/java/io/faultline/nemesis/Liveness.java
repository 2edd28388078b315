package io.faultline.nemesis;

import io.faultline.db.Killable;
import io.faultline.db.Pausable;
import io.faultline.env.Node;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kill and pause nemeses check after acting, and the restart they share: that a killed process is gone, a paused one
 * is stopped in the kernel's eyes, and a restarted or resumed one runs and accepts connections on
 * its client port again.
 */
final class Liveness {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(2);
    private static final int CONNECT_TIMEOUT_MS = 500;

    private Liveness() {
    }

    /** "" when no process of {@code nodes} runs any more, else which still do. */
    static String gone(Killable db, List<Node> nodes) {
        List<String> alive = new ArrayList<>();
        for (Node n : nodes) if (db.isRunning(n)) alive.add(n.name());
        return alive.isEmpty() ? "" : "still running after SIGKILL: " + alive;
    }

    /**
     * "" when every node's process is stopped (state T) within {@link #STOP_LIMIT}, else what the
     * kernel says instead. SIGSTOP is asynchronous: a JVM is stopped only once every one of its threads
     * has taken the signal, and on a loaded machine the kernel still reported the process running (R)
     * right after {@code kill} returned, in 2 of 84 default runs while a build shared the two cores.
     */
    static String stopped(Pausable db, List<Node> nodes) throws InterruptedException {
        long deadline = System.nanoTime() + STOP_LIMIT.toNanos();
        while (true) {
            List<String> wrong = new ArrayList<>();
            for (Node n : nodes) {
                String state = db.processState(n);
                if (!state.equalsIgnoreCase("T")) {
                    wrong.add(n.name() + " is in state '" + (state.isEmpty() ? "gone" : state) + "'");
                }
            }
            if (wrong.isEmpty()) return "";
            if (System.nanoTime() >= deadline) {
                return "not stopped " + STOP_LIMIT.toMillis() + " ms after SIGSTOP: " + String.join(", ", wrong);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** "" when every node's process runs and is not stopped, else which are not. */
    static String resumed(Pausable db, List<Node> nodes) {
        List<String> wrong = new ArrayList<>();
        for (Node n : nodes) {
            if (db.processState(n).equalsIgnoreCase("T")) wrong.add(n.name() + " is still stopped");
        }
        return String.join(", ", wrong);
    }

    /**
     * Restarts every node whose process does not run, trying them all even when one fails (the first
     * failure is thrown after the rest were tried); the names of the nodes restarted.
     */
    static List<String> restartDead(Killable db, List<Node> nodes) throws Exception {
        List<String> restarted = new ArrayList<>();
        Exception first = null;
        for (Node n : nodes) {
            if (db.isRunning(n)) continue;
            try {
                db.start(n);
                restarted.add(n.name());
            } catch (Exception e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
        return restarted;
    }

    /**
     * Waits up to {@code limit} until each node's process runs and its client port accepts a TCP
     * connection; "" when all do, else which did not and why.
     */
    static String answering(Killable db, List<Node> nodes, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> wrong = new ArrayList<>();
        for (Node n : nodes) {
            String last = "";
            while (true) {
                last = !db.isRunning(n) ? "its process is not running" : connect(db.clientAddress(n));
                if (last.isEmpty() || System.nanoTime() > deadline) break;
                Thread.sleep(POLL.toMillis());
            }
            if (!last.isEmpty()) wrong.add(n.name() + ": " + last);
        }
        return wrong.isEmpty() ? "" : "not answering " + limit.toSeconds() + " s after restart: " + String.join("; ", wrong);
    }

    private static String connect(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                    CONNECT_TIMEOUT_MS);
            return "";
        } catch (IOException | RuntimeException e) {
            return "connecting to " + hostPort + " failed: " + e.getMessage();
        }
    }
}
