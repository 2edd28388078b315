package io.faultline.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Nodes as plain processes on loopback addresses {@code 127.77.X.11}, {@code .12}, ... (Linux
 * answers on all of 127.0.0.0/8), so every node can use the same ports. They share the host's
 * network stack: there is nothing to partition and no table of their own to drop packets in.
 */
final class LoopbackNetwork implements NodeNetwork {
    static final String PREFIX = "127.77";

    private final AddressBlock block;
    private final String reason;

    private LoopbackNetwork(AddressBlock block, String reason) {
        this.block = block;
        this.reason = reason;
    }

    /** @param reason why the run is on loopback (not root, asked for it), for the messages */
    static LoopbackNetwork create(String runId, RunState state, String reason) {
        Set<Integer> used = boundLoopbackBlocks();
        AddressBlock block = AddressBlock.claim(PREFIX, runId, used::contains, state);
        return new LoopbackNetwork(block, reason);
    }

    @Override
    public String kind() {
        return "loopback";
    }

    @Override
    public AddressBlock block() {
        return block;
    }

    @Override
    public Missing missing() {
        String why = "loopback environment, " + reason + ": nodes share the host's network "
                + "stack and faultline never touches the host's own tables; run as root for network namespaces";
        return Missing.NONE.without(Capability.PARTITION, why).without(Capability.PACKET_LOSS, why);
    }

    @Override
    public Optional<String> netns(int i) {
        return Optional.empty();
    }

    @Override
    public void killStragglers() {
        // Every loopback node process was started through a node and is killed through it.
    }

    @Override
    public void teardown() {
        // Loopback addresses need no setup, so there is nothing to remove.
    }

    /**
     * Third octets of 127.77.X.0/24 blocks with any TCP socket bound in them, from
     * /proc/net/tcp, whose addresses are little-endian hex: 127.77.5.11 is 0B054D7F.
     */
    static Set<Integer> boundLoopbackBlocks() {
        Set<Integer> used = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/udp")) {
            try {
                for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 2) {
                        continue;
                    }
                    String hex = f[1].substring(0, f[1].indexOf(':'));
                    long ip = Long.parseLong(hex, 16);
                    int a = (int) (ip & 0xff);
                    int b = (int) ((ip >> 8) & 0xff);
                    int c = (int) ((ip >> 16) & 0xff);
                    if (a == 127 && b == 77) {
                        used.add(c);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Without /proc the state files alone keep runs apart.
            }
        }
        return used;
    }
}
