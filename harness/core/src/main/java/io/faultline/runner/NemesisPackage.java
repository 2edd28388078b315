package io.faultline.runner;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * A named group of fault kinds, as Jepsen's nemesis packages: {@code --nemesis crashes} asks for every
 * crash fault, {@code --nemesis all} for every fault class. A kind a package names is left out, with
 * the reason said, where the store or the environment cannot do it (clock faults on etcd, partitions
 * on loopback), whereas a kind named on its own is refused there.
 *
 * @param kinds the nemesis names it stands for
 */
public record NemesisPackage(String name, String description, List<String> kinds) {
    /**
     * What {@code run}, {@code compare} and a campaign block inject when not told: partitions,
     * crashes, the two composed as Raft's classic trap (a follower isolated until it lags, the
     * leader killed, the partition healed, so a stale node races an up-to-date one for the
     * election), and process pauses. With kill's first start taking every node down at once (see
     * FaultSchedule), one default run exercises an isolated leader, a crashed leader, a
     * whole-cluster power loss, a stale election and a node that wakes up holding its clients'
     * re-sends: every fault mode raftstore can plant shows under it (README, detection). Pause came
     * last: without it a retried command committed twice (no-dedupe) in 6 to 8 of 10 runs, with it
     * in 10 of 10; four kinds in 60 s left some runs with one leader partition, which partition's
     * repeat at the end of every round mends (lease-too-long 8, then 10 of 10; docs/notes/detection.md).
     */
    public static final String DEFAULT = "partition,kill,stale-election,pause";

    /**
     * Mean seconds between faults and mean hold, when not told (a string for picocli's defaults).
     * Each planted raftstore fault shows under one start of one kind (a leader partition, a
     * whole-cluster kill, a stale election), and a 60 s run at 5 s got one or two starts of each:
     * on seeds 1-3 of the five modes 5 s caught least often, 3 s caught 12 of 15 runs and 5 s 8 of 15
     * (docs/notes/detection.md).
     * Holds of 1.5-4.5 s still outlast the raftstore clients' patience (two election timeouts).
     */
    public static final String DEFAULT_INTERVAL_S = "3";

    public NemesisPackage {
        kinds = List.copyOf(kinds);
    }

    /** The packages {@code --nemesis} accepts besides the single kinds; "all" is the union of the others. */
    public static List<NemesisPackage> standard() {
        List<NemesisPackage> named = List.of(
                new NemesisPackage("partitions", "network partitions of every shape, the leader isolated on two starts of three",
                        List.of("partition")),
                new NemesisPackage("crashes", "SIGKILL and restart of one, some, all nodes or the leader", List.of("kill")),
                new NemesisPackage("pauses", "SIGSTOP and SIGCONT of one, some, all nodes or the leader", List.of("pause")),
                new NemesisPackage("clocks", "clock bumps, strobes and resets (stores whose runtime honours libfaketime)",
                        List.of("clock")),
                new NemesisPackage("network", "packet delay, stall and loss on the peer links", List.of("packet")));
        LinkedHashSet<String> all = new LinkedHashSet<>();
        named.forEach(p -> all.addAll(p.kinds()));
        return java.util.stream.Stream.concat(named.stream(), java.util.stream.Stream.of(
                new NemesisPackage("all", "every fault class the store and the environment support", List.copyOf(all)))).toList();
    }
}
