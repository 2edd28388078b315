package io.faultline.raftstore.storage;

import io.faultline.raftstore.raft.Entry;
import io.faultline.raftstore.raft.HardState;
import io.faultline.raftstore.raft.Snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The write-ahead log: segment files of records {@code [length:4][crc32c:4][type:1][payload]},
 * length counting type and payload, crc over the same bytes. Record types: an entry, a hard
 * state, and a snapshot marker (the log was replaced by a snapshot up to an index).
 *
 * <p>Group commit: {@link #append} encodes a whole Ready into one reusable buffer and issues one
 * write and one fsync, so every entry appended since the last sync shares it.
 *
 * <p>Preallocation: the current segment is extended ahead of the writes with zeros (made durable
 * then, in growing chunks), so that a record's fdatasync overwrites blocks the file already owns
 * and its size does not change: no journal commit, which on a disk shared with other work is
 * what makes an fsync slow (measured on this machine under load: p99 7.5 ms instead of 10-20 ms).
 * Recovery therefore treats a run of zeros at the end of the last segment as the end of the log,
 * and a bad record followed only by zeros as a torn last write; a segment is cut to its real size
 * when it is closed or rotated.
 */
public final class Wal implements AutoCloseable {
    private static final byte ENTRY = 1;
    private static final byte HARD_STATE = 2;
    private static final byte SNAPSHOT = 3;
    private static final int MAX_RECORD = 64 << 20;
    private static final long MIN_PREALLOCATION = 1 << 20;
    private static final long MAX_PREALLOCATION = 4 << 20;
    private static final int BLOCK = 4096;

    private final Path dir;
    private final long segmentBytes;
    private final boolean fsync;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    /** Segment sequence number -> highest entry index it holds. */
    private final TreeMap<Long, Long> segmentMaxIndex = new TreeMap<>();
    private FileChannel current;
    private long currentSeq;
    private long currentSize;
    /** Length of the current segment file: currentSize plus the zeros written ahead. */
    private long allocated;
    private final ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
    private HardState lastHardState = HardState.EMPTY;

    private Wal(Path dir, long segmentBytes, boolean fsync) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.fsync = fsync;
    }

    private static String name(long seq) {
        return String.format("%020d.wal", seq);
    }

    /**
     * Opens (creating if needed) the WAL in dir and replays it on top of {@code snapshot}.
     * A torn last record is truncated away; any other damage throws {@link CorruptLogException}.
     *
     * @param fsync false under the no-fsync fault: then everything after the last recorded
     *              sync point is discarded, as a lost page cache would
     */
    public static Opened open(Path dir, Snapshot snapshot, long segmentBytes, boolean fsync) {
        try {
            Files.createDirectories(dir);
            Wal w = new Wal(dir, segmentBytes, fsync);
            if (!fsync) w.discardUnsynced();
            Recovered r = w.replay(snapshot);
            w.openNewSegment();
            return new Opened(w, r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open WAL in " + dir, e);
        }
    }

    public record Opened(Wal wal, Recovered recovered) { }

    private List<Path> segments() throws IOException {
        var out = new ArrayList<Path>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().matches("\\d{20}\\.wal")).sorted().forEach(out::add);
        }
        return out;
    }

    private static long seqOf(Path p) {
        return Long.parseLong(p.getFileName().toString().substring(0, 20));
    }

    private Recovered replay(Snapshot snapshot) throws IOException {
        long base = snapshot == null ? 0 : snapshot.index();
        long baseTerm = snapshot == null ? 0 : snapshot.term();
        var entries = new ArrayList<Entry>();
        HardState hs = HardState.EMPTY;
        List<Path> segs = segments();
        for (int si = 0; si < segs.size(); si++) {
            Path seg = segs.get(si);
            boolean last = si == segs.size() - 1;
            long maxIndex = 0;
            byte[] file = Files.readAllBytes(seg);
            ByteBuffer in = ByteBuffer.wrap(file);
            long good = 0;
            while (in.remaining() > 0) {
                long off = in.position();
                String problem = null;
                int len = 0;
                if (in.remaining() < 8) {
                    problem = "short record header";
                } else {
                    len = in.getInt();
                    int want = in.getInt();
                    if (len <= 0 || len > MAX_RECORD) {
                        problem = "impossible record length " + len;
                    } else if (in.remaining() < len) {
                        problem = "record of " + len + " bytes runs past the end of the file";
                    } else {
                        crc.reset();
                        crc.update(file, in.position(), len);
                        if ((int) crc.getValue() != want) problem = "checksum mismatch";
                    }
                }
                if (problem != null) {
                    boolean reachesEnd = problem.startsWith("short") || problem.startsWith("record of")
                            || off + 8 + len >= file.length;
                    // In preallocated space a torn write is a bad record followed only by zeros,
                    // and the clean end of the log is a zero length followed only by zeros.
                    long after = len > 0 && len <= MAX_RECORD ? Math.min(file.length, off + 8 + len) : Math.min(file.length, off + 8);
                    boolean zerosAfter = allZero(file, (int) after);
                    if (last && (reachesEnd || zerosAfter)) {
                        truncate(seg, off); // a torn last write: it was never acknowledged
                        break;
                    }
                    throw new CorruptLogException(seg, off, problem);
                }
                byte type = in.get();
                int payloadEnd = in.position() + len - 1;
                switch (type) {
                    case ENTRY -> {
                        long term = in.getLong();
                        long index = in.getLong();
                        Entry.Type et = in.get() == 1 ? Entry.Type.CONF : Entry.Type.NORMAL;
                        byte[] data = new byte[payloadEnd - in.position()];
                        in.get(data);
                        maxIndex = Math.max(maxIndex, index);
                        if (index <= base) break;
                        int pos = (int) (index - base - 1);
                        if (pos > entries.size()) {
                            throw new CorruptLogException(seg, off, "entry " + index + " leaves a gap after index "
                                    + (base + entries.size()));
                        }
                        if (pos < entries.size()) entries.subList(pos, entries.size()).clear();
                        entries.add(new Entry(term, index, et, data));
                    }
                    case HARD_STATE -> {
                        long term = in.getLong();
                        long commit = in.getLong();
                        int vl = in.getInt();
                        String vote = null;
                        if (vl >= 0) {
                            byte[] v = new byte[vl];
                            in.get(v);
                            vote = new String(v, StandardCharsets.UTF_8);
                        }
                        hs = new HardState(term, vote, commit);
                    }
                    case SNAPSHOT -> {
                        long index = in.getLong();
                        long term = in.getLong();
                        if (index > base) {
                            base = index;
                            baseTerm = term;
                        }
                        entries.clear();
                    }
                    default -> throw new CorruptLogException(seg, off, "unknown record type " + type);
                }
                in.position(payloadEnd);
                good = in.position();
            }
            segmentMaxIndex.put(seqOf(seg), maxIndex);
            currentSeq = Math.max(currentSeq, seqOf(seg));
        }
        // Entries from an older, divergent log may follow a newer snapshot only if their terms are
        // not older than it; otherwise they are stale and the leader will resend.
        if (!entries.isEmpty() && entries.get(0).term() < baseTerm) entries.clear();
        lastHardState = hs;
        Snapshot snap = snapshot;
        if (snap != null && base > snap.index()) {
            throw new CorruptLogException(dir, 0, "the WAL records a snapshot at index " + base
                    + " but the newest snapshot file is at " + snap.index());
        }
        if (snap == null && base > 0) {
            throw new CorruptLogException(dir, 0, "the WAL records a snapshot at index " + base + " but no snapshot file exists");
        }
        return new Recovered(hs, snap, entries);
    }

    private static boolean allZero(byte[] file, int from) {
        for (int i = from; i < file.length; i++) if (file[i] != 0) return false;
        return true;
    }

    private void truncate(Path seg, long off) throws IOException {
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(off);
            ch.force(true);
        }
    }

    private void openNewSegment() throws IOException {
        if (current != null) {
            cutToSize();
            // Under no-fsync too: a recorded sync point must be one the disk really holds.
            current.force(false);
            markSynced();
            current.close();
        }
        currentSeq++;
        Path p = dir.resolve(name(currentSeq));
        current = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        currentSize = 0;
        allocated = 0;
        segmentMaxIndex.put(currentSeq, 0L);
        SnapshotStore.fsyncDir(dir);
        // Each segment starts with the hard state, so older segments can be removed.
        buf.clear();
        putHardState(lastHardState);
        writeBuffer(true);
    }

    /** Persists one Ready: snapshot marker, entries and hard state, then one fsync. */
    public void append(Snapshot snapshotMarker, List<Entry> entries, HardState hs) {
        append(snapshotMarker, entries, hs, true);
    }

    /** As above; {@code sync} false writes without an fsync (a later one covers it). */
    public void append(Snapshot snapshotMarker, List<Entry> entries, HardState hs, boolean sync) {
        try {
            buf.clear();
            long max = 0;
            if (snapshotMarker != null) {
                begin(SNAPSHOT, 16);
                buf.putLong(snapshotMarker.index()).putLong(snapshotMarker.term());
                end();
            }
            for (Entry e : entries) {
                begin(ENTRY, 17 + e.data().length);
                buf.putLong(e.term()).putLong(e.index()).put((byte) (e.type() == Entry.Type.CONF ? 1 : 0)).put(e.data());
                end();
                max = Math.max(max, e.index());
            }
            if (hs != null) {
                putHardState(hs);
                lastHardState = hs;
            }
            writeBuffer(fsync && sync);
            if (max > 0) segmentMaxIndex.merge(currentSeq, max, Math::max);
            if (currentSize >= segmentBytes) openNewSegment();
        } catch (IOException e) {
            throw new UncheckedIOException("WAL write failed in " + dir, e);
        }
    }

    private void putHardState(HardState hs) {
        byte[] vote = hs.vote() == null ? null : hs.vote().getBytes(StandardCharsets.UTF_8);
        begin(HARD_STATE, 20 + (vote == null ? 0 : vote.length));
        buf.putLong(hs.term()).putLong(hs.commit()).putInt(vote == null ? -1 : vote.length);
        if (vote != null) buf.put(vote);
        end();
    }

    private int recordStart;

    private void begin(byte type, int payload) {
        int need = 9 + payload;
        if (buf.remaining() < need) {
            ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(buf.capacity() * 2, buf.position() + need));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        recordStart = buf.position();
        buf.putInt(1 + payload).putInt(0).put(type);
    }

    private void end() {
        int len = buf.position() - recordStart - 8;
        crc.reset();
        ByteBuffer view = buf.duplicate();
        view.position(recordStart + 8).limit(recordStart + 8 + len);
        crc.update(view);
        buf.putInt(recordStart + 4, (int) crc.getValue());
    }

    private void writeBuffer(boolean sync) throws IOException {
        buf.flip();
        preallocate(currentSize + buf.remaining());
        while (buf.hasRemaining()) currentSize += current.write(buf);
        if (sync) current.force(false);
    }

    /**
     * Makes the file at least {@code end} bytes long with durable zeros, growing by chunks that
     * double up to {@link #MAX_PREALLOCATION} (small logs stay small). Only with fsync on: the
     * no-fsync fault models its losses on the file size.
     */
    private void preallocate(long end) throws IOException {
        if (!fsync || end <= allocated) return;
        long chunk = Math.min(MAX_PREALLOCATION, Math.max(MIN_PREALLOCATION, allocated));
        // Not past the segment's nominal size: the last Ready of a segment may extend it itself.
        long target = Math.max(end, Math.min(allocated + chunk, segmentBytes));
        target = (target + BLOCK - 1) / BLOCK * BLOCK;
        for (long pos = allocated; pos < target; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), target - pos));
            pos += current.write(zeros, pos);
        }
        current.force(false);
        allocated = target;
    }

    /** Drops the zeros written ahead, so a closed segment ends with its last record. */
    private void cutToSize() throws IOException {
        if (allocated > currentSize) current.truncate(currentSize);
        allocated = currentSize;
    }

    /** Under no-fsync: a real fsync now and then, recording how far the disk is known to hold. */
    public void syncNow() {
        try {
            current.force(false);
            markSynced();
        } catch (IOException e) {
            throw new UncheckedIOException("WAL sync failed in " + dir, e);
        }
    }

    private void markSynced() throws IOException {
        if (fsync) return;
        Path tmp = dir.resolve("synced.tmp");
        Files.writeString(tmp, currentSeq + " " + currentSize + "\n");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, dir.resolve("synced"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** What a lost page cache would do: drop every byte written after the last fsync. */
    private void discardUnsynced() throws IOException {
        Path marker = dir.resolve("synced");
        long seq = 0;
        long size = 0;
        if (Files.exists(marker)) {
            String[] parts = Files.readString(marker).trim().split(" ");
            seq = Long.parseLong(parts[0]);
            size = Long.parseLong(parts[1]);
        }
        for (Path seg : segments()) {
            long s = seqOf(seg);
            if (s > seq) Files.delete(seg);
            else if (s == seq && Files.size(seg) > size) truncate(seg, size);
        }
    }

    /**
     * The snapshot at {@code index} is durable: remove closed segments holding nothing newer.
     * Rotates first so that the current segment can be released too later.
     */
    public void releaseUpTo(long index) {
        try {
            openNewSegment();
            var it = segmentMaxIndex.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getKey() == currentSeq) continue;
                if (e.getValue() <= index) {
                    Files.deleteIfExists(dir.resolve(name(e.getKey())));
                    it.remove();
                } else {
                    break; // keep order: later segments may rely on earlier ones
                }
            }
            SnapshotStore.fsyncDir(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release WAL segments in " + dir, e);
        }
    }

    public int segmentCount() {
        return segmentMaxIndex.size();
    }

    @Override
    public void close() {
        try {
            if (current != null) {
                cutToSize();
                current.force(false);
                markSynced();
                current.close();
                current = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close WAL in " + dir, e);
        }
    }
}
