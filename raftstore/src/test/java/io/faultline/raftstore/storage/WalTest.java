package io.faultline.raftstore.storage;

import io.faultline.raftstore.raft.Entry;
import io.faultline.raftstore.raft.HardState;
import io.faultline.raftstore.raft.Membership;
import io.faultline.raftstore.raft.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WalTest {
    @TempDir
    Path dir;

    private static Entry e(long term, long index, String data) {
        return new Entry(term, index, Entry.Type.NORMAL, data.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Entry> range(long term, long from, long to) {
        var out = new ArrayList<Entry>();
        for (long i = from; i <= to; i++) out.add(e(term, i, "value-" + i));
        return out;
    }

    private Path onlySegmentWithEntries() throws Exception {
        try (var s = Files.list(dir.resolve("wal"))) {
            return s.filter(p -> p.toString().endsWith(".wal")).sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void replaysEntriesHardStateAndOverwrites() {
        try (Wal w = Wal.open(dir.resolve("wal"), null, 1 << 20, true).wal()) {
            w.append(null, range(1, 1, 10), new HardState(1, "n1", 5));
            w.append(null, List.of(e(2, 8, "new-8")), new HardState(2, "n2", 7)); // leader change truncates 9, 10
        }
        Recovered r = Wal.open(dir.resolve("wal"), null, 1 << 20, true).recovered();
        assertEquals(new HardState(2, "n2", 7), r.hardState());
        assertEquals(8, r.entries().size());
        assertEquals(2, r.entries().get(7).term());
        assertArrayEquals("new-8".getBytes(StandardCharsets.UTF_8), r.entries().get(7).data());
    }

    @Test
    void tornLastRecordIsTruncatedAndLaterWritesSurvive() throws Exception {
        try (Wal w = Wal.open(dir.resolve("wal"), null, 1 << 20, true).wal()) {
            w.append(null, range(1, 1, 5), new HardState(1, null, 3));
        }
        Path seg = onlySegmentWithEntries();
        long size = Files.size(seg);
        try (var f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(size - 7); // the last record (the hard state) lost its tail
        }
        var opened = Wal.open(dir.resolve("wal"), null, 1 << 20, true);
        assertEquals(5, opened.recovered().entries().size());
        assertEquals(HardState.EMPTY, opened.recovered().hardState()); // only the torn record is gone
        opened.wal().append(null, range(1, 6, 6), new HardState(1, null, 6));
        opened.wal().close();
        Recovered again = Wal.open(dir.resolve("wal"), null, 1 << 20, true).recovered();
        assertEquals(6, again.entries().size());
        assertEquals(6, again.hardState().commit());
    }

    /** Offset just past the last non-zero byte: where the records in a preallocated segment end. */
    private static int endOfRecords(Path seg) throws Exception {
        byte[] b = Files.readAllBytes(seg);
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) end--;
        return end;
    }

    private static void flipByte(Path seg, long at) throws Exception {
        try (var f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0xff);
        }
    }

    @Test
    void preallocatedSegmentAfterACrashRecoversEverythingWritten() throws Exception {
        Wal crashed = Wal.open(dir.resolve("wal"), null, 64 << 20, true).wal(); // never closed: kill -9
        crashed.append(null, range(1, 1, 50), new HardState(1, "n1", 40));
        crashed.append(null, range(1, 51, 60), new HardState(1, "n1", 60));
        Path seg = onlySegmentWithEntries();
        assertTrue(Files.size(seg) >= 1 << 20, "segment not preallocated: " + Files.size(seg) + " bytes");
        assertTrue(endOfRecords(seg) < Files.size(seg));
        var opened = Wal.open(dir.resolve("wal"), null, 64 << 20, true);
        assertEquals(60, opened.recovered().entries().size());
        assertEquals(new HardState(1, "n1", 60), opened.recovered().hardState());
        assertEquals(endOfRecords(seg), Files.size(seg), "the zero tail is cut when the segment is replayed");
        opened.wal().close();
    }

    @Test
    void tornWriteIntoPreallocatedZerosIsTruncatedButDamageBeforeItIsNot() throws Exception {
        Wal crashed = Wal.open(dir.resolve("wal"), null, 64 << 20, true).wal();
        crashed.append(null, range(1, 1, 10), new HardState(1, null, 10));
        crashed.append(null, range(1, 11, 11), null); // the last record: entry 11
        Path seg = onlySegmentWithEntries();
        flipByte(seg, endOfRecords(seg) - 1); // its payload half written, zeros after it
        Recovered r = Wal.open(dir.resolve("wal"), null, 64 << 20, true).recovered();
        assertEquals(10, r.entries().size());
        assertEquals(10, r.hardState().commit());

        Path dir2 = dir.resolve("wal2");
        Wal second = Wal.open(dir2, null, 64 << 20, true).wal();
        second.append(null, range(1, 1, 20), new HardState(1, null, 20));
        Path seg2;
        try (var s = Files.list(dir2)) {
            seg2 = s.filter(p -> p.toString().endsWith(".wal")).sorted().findFirst().orElseThrow();
        }
        flipByte(seg2, 200); // an early record: later records follow it, so this is not a torn write
        var ex = assertThrows(CorruptLogException.class, () -> Wal.open(dir2, null, 64 << 20, true));
        assertTrue(ex.getMessage().contains("checksum mismatch"), ex.getMessage());
    }

    @Test
    void corruptRecordInTheMiddleStopsStartUpNamingFileAndOffset() throws Exception {
        try (Wal w = Wal.open(dir.resolve("wal"), null, 1 << 20, true).wal()) {
            w.append(null, range(1, 1, 20), new HardState(1, null, 20));
        }
        Path seg = onlySegmentWithEntries();
        try (var f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(200);
            int b = f.read();
            f.seek(200);
            f.write(b ^ 0xff);
        }
        var ex = assertThrows(CorruptLogException.class, () -> Wal.open(dir.resolve("wal"), null, 1 << 20, true));
        assertTrue(ex.getMessage().contains(seg.toString()), ex.getMessage());
        assertTrue(ex.getMessage().matches("(?s).*offset \\d+: checksum mismatch.*"), ex.getMessage());
    }

    @Test
    void snapshotPlusLogAndSegmentRelease() {
        var snaps = new SnapshotStore(dir.resolve("snap"));
        var m = new Membership(Map.of("n1", "a|b"));
        try (Wal w = Wal.open(dir.resolve("wal"), null, 512, true).wal()) {
            for (int i = 1; i <= 100; i++) w.append(null, List.of(e(1, i, "v" + i)), new HardState(1, "n1", i));
            assertTrue(w.segmentCount() > 3, "small segments rotate");
            snaps.save(new Snapshot(60, 1, m, "state@60".getBytes(StandardCharsets.UTF_8)));
            w.releaseUpTo(60);
        }
        Snapshot s = snaps.loadLatest();
        assertEquals(60, s.index());
        assertEquals(m, s.membership());
        Recovered r = Wal.open(dir.resolve("wal"), s, 512, true).recovered();
        assertEquals(61, r.entries().get(0).index());
        assertEquals(100, r.entries().get(r.entries().size() - 1).index());
        assertEquals(100, r.hardState().commit());
    }

    @Test
    void crashBetweenSnapshotAndLogTruncationRecovers() {
        var snaps = new SnapshotStore(dir.resolve("snap"));
        var m = new Membership(Map.of("n1", "a|b"));
        try (Wal w = Wal.open(dir.resolve("wal"), null, 1 << 20, true).wal()) {
            w.append(null, range(1, 1, 30), new HardState(1, "n1", 30));
            snaps.save(new Snapshot(20, 1, m, new byte[] {1, 2, 3}));
            // crash here: releaseUpTo never ran, the old segment still holds 1..30
        }
        Recovered r = Wal.open(dir.resolve("wal"), snaps.loadLatest(), 1 << 20, true).recovered();
        assertEquals(10, r.entries().size());
        assertEquals(21, r.entries().get(0).index());
    }

    @Test
    void snapshotMarkerFromTheLeaderReplacesTheLog() {
        var snaps = new SnapshotStore(dir.resolve("snap"));
        var m = new Membership(Map.of("n1", "a|b"));
        Snapshot installed = new Snapshot(50, 3, m, new byte[0]);
        try (Wal w = Wal.open(dir.resolve("wal"), null, 1 << 20, true).wal()) {
            w.append(null, range(1, 1, 10), new HardState(1, null, 5));
            snaps.save(installed);
            w.append(installed, List.of(), new HardState(3, null, 50));
            w.append(null, range(3, 51, 52), null);
        }
        Recovered r = Wal.open(dir.resolve("wal"), snaps.loadLatest(), 1 << 20, true).recovered();
        assertEquals(2, r.entries().size());
        assertEquals(51, r.entries().get(0).index());
    }

    @Test
    void damagedSnapshotFileIsAClearError() throws Exception {
        var snaps = new SnapshotStore(dir.resolve("snap"));
        snaps.save(new Snapshot(7, 1, new Membership(Map.of("n1", "x")), new byte[100]));
        Path file;
        try (var s = Files.list(dir.resolve("snap"))) {
            file = s.findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(file);
        b[b.length - 3] ^= 1;
        Files.write(file, b);
        var ex = assertThrows(CorruptLogException.class, snaps::loadLatest);
        assertTrue(ex.getMessage().contains("snapshot checksum mismatch"), ex.getMessage());
    }

    @Test
    void noFsyncModeDiscardsTheTailAfterTheLastSync() throws Exception {
        var opened = Wal.open(dir.resolve("wal"), null, 1 << 20, false);
        Wal w = opened.wal();
        w.append(null, range(1, 1, 5), new HardState(1, null, 5));
        w.syncNow();
        w.append(null, range(1, 6, 9), new HardState(1, null, 9));
        // Simulated crash: the process dies without close(); the bytes reached the file but not the disk.
        Recovered r = Wal.open(dir.resolve("wal"), null, 1 << 20, false).recovered();
        assertEquals(5, r.entries().size());
        assertEquals(5, r.hardState().commit());
        assertNull(r.snapshot());
    }
}
