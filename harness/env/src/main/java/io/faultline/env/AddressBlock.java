package io.faultline.env;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * A /24 the harness owns for one run: {@code <prefix>.<third>.0/24}, with the bridge (or host
 * side) on .1, node i on .(10+i) and node i's proxy address on .(100+i).
 */
record AddressBlock(String prefix, int third) {

    String base() {
        return prefix + "." + third;
    }

    String gateway() {
        return base() + ".1";
    }

    String node(int i) {
        return base() + "." + (10 + i);
    }

    String proxy(int i) {
        return base() + "." + (100 + i);
    }

    boolean contains(String ip) {
        return ip.startsWith(base() + ".");
    }

    @Override
    public String toString() {
        return base() + ".0/24";
    }

    static AddressBlock parse(String s) {
        String b = s.endsWith(".0/24") ? s.substring(0, s.length() - 5) : s;
        int dot = b.lastIndexOf('.');
        return new AddressBlock(b.substring(0, dot), Integer.parseInt(b.substring(dot + 1)));
    }

    /**
     * Picks the first block, starting at a place derived from the run id, that the host does not
     * use ({@code hostUses}) and no other run's state file claims, and records it in {@code state}
     * before releasing the lock, so two runs starting together never pick the same block.
     */
    static AddressBlock claim(String prefix, String runId, IntPredicate hostUses, RunState state) {
        Path lockFile = RunState.directory().resolve("blocks.lock");
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                Set<String> claimed = claimedByOthers(state);
                int start = Math.floorMod(runId.hashCode(), 250) + 2;
                for (int k = 0; k < 254; k++) {
                    int third = (start + k - 1) % 254 + 1;
                    AddressBlock b = new AddressBlock(prefix, third);
                    if (!claimed.contains(b.toString()) && !hostUses.test(third)) {
                        state.add(RunState.BLOCK, b.toString());
                        return b;
                    }
                }
            }
        } catch (IOException e) {
            throw new EnvironmentException("cannot lock " + lockFile + " to pick an address range: " + e.getMessage(), e);
        }
        throw new EnvironmentException("every " + prefix + ".X.0/24 range is in use on this host or by another run; "
                + "run './faultline cleanup' to remove leftovers");
    }

    private static Set<String> claimedByOthers(RunState self) throws IOException {
        Set<String> claimed = new HashSet<>();
        for (Path p : RunState.all()) {
            if (p.equals(self.file())) {
                continue;
            }
            try {
                List<String> blocks = RunState.load(p).values(RunState.BLOCK);
                claimed.addAll(blocks);
            } catch (IOException e) {
                // A state file being rewritten right now; its owner holds its block in the host tables too.
            }
        }
        return claimed;
    }
}
