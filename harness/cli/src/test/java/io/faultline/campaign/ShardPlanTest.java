package io.faultline.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Shard assignment: a partition of the runs, balanced, the same on every invocation and for any order of the file. */
class ShardPlanTest {
    /** 3 x 2 x 3 x 4 = 72 matrix runs of 20 s, plus explicit runs of 35 and 40 s. */
    static final String YAML = """
            name: big
            defaults: {time-limit: 20, opts: {workload.ops-per-key: 50}}
            matrix:
              stores: [raftstore, etcd, zookeeper]
              workloads: [register, set]
              nemeses: [none, partition, "partition,kill"]
              seeds: [1, 2, 3, 4]
            runs:
              - {workload: register, nemesis: partition, store-fault: stale-reads, seeds: [7, 8, 9], expect: anomaly, time-limit: 35}
              - {workload: set, nemesis: kill, store-fault: no-fsync, seed: 3, expect: anomaly, time-limit: 40, opts: {nemesis.kill.targets: all}}
            """;

    /** The same campaign: matrix lists, blocks and keys in another order, comments, another layout. */
    static final String REORDERED = """
            # the same campaign, written differently
            runs:
              - {time-limit: 40, expect: anomaly, seed: 3, store-fault: no-fsync, nemesis: kill, workload: set, opts: {nemesis.kill.targets: all}}
              - {seeds: [9, 7, 8], workload: register, nemesis: partition, store-fault: stale-reads, expect: anomaly, time-limit: 35}
            matrix:
              seeds: [4, 3, 2, 1]
              nemeses: ["partition,kill", none, partition]
              workloads: [set, register]
              stores: [zookeeper, raftstore, etcd]
            defaults:
              opts: {workload.ops-per-key: 50}
              time-limit: 20
            name: big
            """;

    static CampaignSpec big() throws CampaignException {
        return CampaignSpec.parse(YAML, "big.yaml");
    }

    @Test
    void nShardsRunEveryRunExactlyOnceAndWithinOneRunOfEachOther() throws Exception {
        CampaignSpec spec = big();
        assertEquals(76, spec.runs().size());
        for (int n = 1; n <= 5; n++) {
            ShardPlan plan = ShardPlan.of(spec, n);
            List<String> all = new ArrayList<>();
            double[] load = new double[n];
            for (int i = 1; i <= n; i++) {
                List<RunSpec> runs = plan.runs(new Shard(i, n));
                assertTrue(!runs.isEmpty(), "shard " + i + "/" + n + " is empty");
                for (RunSpec r : runs) {
                    assertEquals(i, plan.shardOf(r));
                    all.add(r.id());
                    load[i - 1] += ShardPlan.weight(r);
                }
                // a shard keeps the file's order
                List<String> inFileOrder = spec.runs().stream().map(RunSpec::id).filter(runs.stream().map(RunSpec::id).toList()::contains).toList();
                assertEquals(inFileOrder, runs.stream().map(RunSpec::id).toList());
            }
            assertEquals(spec.runs().size(), all.size(), "N=" + n + ": no run in two shards");
            assertEquals(Set.copyOf(spec.runs().stream().map(RunSpec::id).toList()), new HashSet<>(all), "N=" + n + ": no run left out");
            double max = java.util.Arrays.stream(load).max().orElseThrow(), min = java.util.Arrays.stream(load).min().orElseThrow();
            assertTrue(max - min <= 40 + ShardPlan.RUN_OVERHEAD_SECONDS, "N=" + n + ": shards within one run of each other: "
                    + java.util.Arrays.toString(load));
        }
    }

    @Test
    void theAssignmentIsTheSameOnEveryInvocationAndForAnyOrderOfTheFile() throws Exception {
        for (int n = 1; n <= 5; n++) {
            Map<String, Integer> first = assignment(big(), n);
            assertEquals(first, assignment(big(), n), "a second invocation");
            assertEquals(first, assignment(CampaignSpec.parse(REORDERED, "reordered.yaml"), n), "the file reordered");
        }
        // Pinned: a change to the hash or the balancing would silently reshuffle shards between faultline versions.
        CampaignSpec small = CampaignSpec.parse("""
                name: pinned
                matrix: {workloads: [register, set], nemeses: [partition, kill], seeds: [1, 2]}
                """, "pinned.yaml");
        assertEquals(Map.of(
                "raftstore-register-partition-s1", 1, "raftstore-register-partition-s2", 2,
                "raftstore-register-kill-s1", 3, "raftstore-register-kill-s2", 3,
                "raftstore-set-partition-s1", 1, "raftstore-set-partition-s2", 2,
                "raftstore-set-kill-s1", 1, "raftstore-set-kill-s2", 2), assignment(small, 3));
    }

    @Test
    void optsAreOfARunsIdentityButTheTimeLimitIsNot() throws Exception {
        String run = "name: one\nruns:\n  - {seed: 1, time-limit: 20, opts: {workload.ops-per-key: 50}}\n";
        RunSpec a = CampaignSpec.parse(run, "a.yaml").runs().getFirst();
        RunSpec otherOpts = CampaignSpec.parse(run.replace("50", "51"), "b.yaml").runs().getFirst();
        RunSpec otherLimit = CampaignSpec.parse(run.replace("20", "25"), "c.yaml").runs().getFirst();
        assertEquals(a.id(), otherOpts.id(), "the run id does not show opts");
        assertNotEquals(ShardPlan.identityHash(a), ShardPlan.identityHash(otherOpts));
        assertEquals(ShardPlan.identityHash(a), ShardPlan.identityHash(otherLimit));
    }

    @Test
    void moreShardsThanRunsIsRefused() throws Exception {
        CampaignSpec two = CampaignSpec.parse("name: two\nmatrix: {seeds: [1, 2]}\n", "two.yaml");
        assertEquals(2, ShardPlan.of(two, 2).runs(new Shard(2, 2)).size() + ShardPlan.of(two, 2).runs(new Shard(1, 2)).size());
        CampaignException e = assertThrows(CampaignException.class, () -> ShardPlan.of(two, 3));
        assertEquals("campaign two has 2 runs, so it can be cut into at most 2 shards, not 3", e.getMessage());
    }

    @Test
    void shardValuesAreIOfNCountedFromOne() {
        assertEquals(new Shard(2, 4), Shard.parse("2/4"));
        assertEquals(new Shard(1, 1), Shard.parse(" 1/1 "));
        assertEquals("shard-2-of-4", Shard.parse("2/4").folderName());
        for (String bad : List.of("0/3", "4/3", "x", "3", "1/0", "-1/3", "1/3/4", "", "1 / 3", "2/1001")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("expected I/N, shard I of N counted from 1 with 1 <= I <= N <= 1000 (e.g. 2/4), found '"
                    + bad + "'"), e.getMessage());
        }
    }

    @Test
    void theFingerprintIgnoresLayoutCommentsAndKeyOrderButNotSettings() throws Exception {
        String a = ShardManifest.fingerprint(YAML, "big.yaml");
        String sameCampaign = """
                # the same settings in block style, keys in another order
                matrix:
                  workloads: [register, set]
                  stores:
                    - raftstore
                    - etcd
                    - zookeeper
                  seeds: [1, 2, 3, 4]
                  nemeses: [none, partition, "partition,kill"]
                name: big
                defaults:
                  opts: {workload.ops-per-key: 50}
                  time-limit: 20
                runs:
                  - {workload: register, nemesis: partition, store-fault: stale-reads, seeds: [7, 8, 9], expect: anomaly, time-limit: 35}
                  - {workload: set, nemesis: kill, store-fault: no-fsync, seed: 3, expect: anomaly, time-limit: 40, opts: {nemesis.kill.targets: all}}
                """;
        assertEquals(a, ShardManifest.fingerprint(sameCampaign, "same.yaml"));
        assertNotEquals(a, ShardManifest.fingerprint(YAML.replace("seeds: [1, 2, 3, 4]", "seeds: [1, 2, 3, 5]"), "big.yaml"));
        assertNotEquals(a, ShardManifest.fingerprint(YAML.replace("time-limit: 20", "time-limit: 21"), "big.yaml"));
    }

    private static Map<String, Integer> assignment(CampaignSpec spec, int n) throws CampaignException {
        ShardPlan plan = ShardPlan.of(spec, n);
        Map<String, Integer> m = new LinkedHashMap<>();
        for (RunSpec r : spec.runs()) m.put(r.id(), plan.shardOf(r));
        return Map.copyOf(m);
    }
}
