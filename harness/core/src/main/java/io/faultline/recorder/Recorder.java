package io.faultline.recorder;

import io.faultline.history.JsonlWriter;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends the history to history.jsonl as it happens. Index and time are assigned under one lock,
 * so indexes are dense and times never go backwards in file order; every line is flushed to the
 * operating system before {@link #record} returns, so a crashed harness still leaves a checkable
 * history. {@link #sync} forces the file to disk at phase ends.
 */
public final class Recorder implements AutoCloseable {
    private final ReentrantLock lock = new ReentrantLock();
    private final FileOutputStream file;
    private final FileChannel channel;
    private final JsonlWriter writer;
    private final long startNanos;
    private long nextIndex;
    private long lastTime;
    private boolean closed;
    private volatile long ok;
    private volatile long fail;
    private volatile long info;

    private Recorder(FileOutputStream file, long startNanos) {
        this.file = file;
        this.channel = file.getChannel();
        this.writer = new JsonlWriter(new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8), 1 << 14));
        this.startNanos = startNanos;
    }

    /** Creates (or truncates) {@code path}; times count from {@code startNanos} ({@link System#nanoTime}). */
    public static Recorder create(Path path, long startNanos) throws IOException {
        return new Recorder(new FileOutputStream(path.toFile()), startNanos);
    }

    /** Nanoseconds since the test started, on the clock the history uses. */
    public long now() {
        return System.nanoTime() - startNanos;
    }

    /** Appends one event and returns it with its index and time. */
    public Op record(int process, OpType type, String f, String key, Object value, String node, String error) {
        return record(process, type, f, key, value, node, error, null);
    }

    /**
     * Appends one event carrying the store's own order for it ({@code revision}: etcd's revision,
     * raftstore's log index), which the linearizability checker validates in linear time.
     */
    public Op record(int process, OpType type, String f, String key, Object value, String node, String error,
                     Long revision) {
        lock.lock();
        try {
            if (closed) throw new IllegalStateException("recorder is closed");
            long t = Math.max(lastTime, now());
            lastTime = t;
            Op op = new Op(nextIndex, t, process, type, f, key, value, node, error, revision);
            writer.write(op);
            writer.flush();
            nextIndex++;
            if (process != Op.NEMESIS) {
                switch (type) {
                    case OK -> ok++;
                    case FAIL -> fail++;
                    case INFO -> info++;
                    default -> {
                    }
                }
            }
            return op;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the history: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Forces everything written so far to disk. */
    public void sync() {
        lock.lock();
        try {
            if (closed) return;
            writer.flush();
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the history: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    public long size() {
        lock.lock();
        try {
            return nextIndex;
        } finally {
            lock.unlock();
        }
    }

    public long okCount() {
        return ok;
    }

    public long failCount() {
        return fail;
    }

    public long infoCount() {
        return info;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            writer.flush();
            channel.force(false);
            closed = true;
            writer.close();
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the history: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
