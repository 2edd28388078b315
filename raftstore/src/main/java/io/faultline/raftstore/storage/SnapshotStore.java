package io.faultline.raftstore.storage;

import io.faultline.raftstore.kv.Bytes;
import io.faultline.raftstore.raft.Membership;
import io.faultline.raftstore.raft.Snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Snapshot files, written atomically: temp file, fsync, rename, fsync of the directory.
 * Format: magic "RSNP", crc32c of the rest, index, term, membership, data.
 */
public final class SnapshotStore {
    private static final int MAGIC = 0x52534E50;
    private final Path dir;

    public SnapshotStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create snapshot directory " + dir, e);
        }
    }

    private static String name(long index) {
        return String.format("snapshot-%020d.snap", index);
    }

    public void save(Snapshot s) {
        var w = new Bytes.Writer(s.data().length + 256);
        w.i64(s.index()).i64(s.term()).bytes(s.membership().encode()).bytes(s.data());
        byte[] body = w.toByteArray();
        var crc = new CRC32C();
        crc.update(body);
        ByteBuffer buf = ByteBuffer.allocate(8 + body.length);
        buf.putInt(MAGIC).putInt((int) crc.getValue()).put(body).flip();
        Path tmp = dir.resolve(name(s.index()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(name(s.index())), StandardCopyOption.ATOMIC_MOVE);
            fsyncDir(dir);
            for (Path old : list()) {
                if (indexOf(old) < s.index()) Files.deleteIfExists(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot " + tmp, e);
        }
    }

    static void fsyncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private List<Path> list() throws IOException {
        var out = new ArrayList<Path>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().matches("snapshot-\\d{20}\\.snap")).sorted().forEach(out::add);
        }
        return out;
    }

    private static long indexOf(Path p) {
        String n = p.getFileName().toString();
        return Long.parseLong(n.substring(9, 29));
    }

    /** The newest snapshot, or null. A damaged newest snapshot stops start-up with a clear error. */
    public Snapshot loadLatest() {
        try {
            for (Path tmp : Files.newDirectoryStream(dir, "*.tmp")) Files.deleteIfExists(tmp); // never renamed: incomplete
            List<Path> all = list();
            if (all.isEmpty()) return null;
            Path p = all.get(all.size() - 1);
            byte[] b = Files.readAllBytes(p);
            ByteBuffer buf = ByteBuffer.wrap(b);
            if (b.length < 8 || buf.getInt() != MAGIC) throw new CorruptLogException(p, 0, "not a snapshot file (bad magic)");
            int want = buf.getInt();
            var crc = new CRC32C();
            crc.update(b, 8, b.length - 8);
            if ((int) crc.getValue() != want) throw new CorruptLogException(p, 4, "snapshot checksum mismatch");
            byte[] body = new byte[b.length - 8];
            System.arraycopy(b, 8, body, 0, body.length);
            var r = new Bytes.Reader(body);
            long index = r.i64();
            long term = r.i64();
            Membership m = Membership.decode(r.bytes());
            return new Snapshot(index, term, m, r.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshots in " + dir, e);
        }
    }
}
