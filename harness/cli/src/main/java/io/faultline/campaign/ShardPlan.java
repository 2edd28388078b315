package io.faultline.campaign;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which shard runs which run of a campaign: every run in exactly one of {@code count} shards.
 *
 * <p>The assignment depends on the set of runs, never on their position in the file: runs are taken
 * longest first (time limit plus a fixed per-run overhead), ties broken by a SHA-256 of the run's
 * identity (store, workload, nemesis, store faults, seed, repeat, opts), and each goes to the shard
 * with the least work so far (the lowest index on a tie). So every shard invocation of the same file,
 * on any machine and JVM, computes the same plan; reordering the file's runs or matrix lists changes
 * nothing; and shards end within one run's length of each other, because a CI pipeline takes as long
 * as its slowest shard. A plain {@code hash mod N} would also keep runs in place when runs are added,
 * but leaves shards unbalanced: campaigns/ci.yaml (21 runs) on 4 shards gets 3 to 9 runs a shard by
 * the same hash mod 4 (slowest shard about 300 s by this estimate) against 5 or 6 here (195 s), and
 * smoke.yaml's 2 runs on 2 shards get 0 and 2. That stability buys nothing here, since only shards of
 * the identical campaign may be merged (see {@link ShardManifest#fingerprint}), so balance wins.
 */
public final class ShardPlan {
    /** Seconds a run costs besides its time limit: cluster start, the final phase, the checkers, the report. */
    static final double RUN_OVERHEAD_SECONDS = 15;

    private final CampaignSpec spec;
    private final int count;
    private final Map<String, Integer> shardOf;

    private ShardPlan(CampaignSpec spec, int count, Map<String, Integer> shardOf) {
        this.spec = spec;
        this.count = count;
        this.shardOf = shardOf;
    }

    /** Refuses more shards than runs: a shard with nothing to run would still pass in CI and hide a misconfiguration. */
    public static ShardPlan of(CampaignSpec spec, int count) throws CampaignException {
        if (count > spec.runs().size()) {
            throw new CampaignException("campaign " + spec.name() + " has " + spec.runs().size() + " run"
                    + (spec.runs().size() == 1 ? "" : "s") + ", so it can be cut into at most " + spec.runs().size()
                    + " shards, not " + count);
        }
        List<RunSpec> order = new ArrayList<>(spec.runs());
        order.sort(Comparator.comparingDouble(ShardPlan::weight).reversed()
                .thenComparing(ShardPlan::identityHash, Long::compareUnsigned)
                .thenComparing(RunSpec::id));
        double[] load = new double[count];
        Map<String, Integer> shardOf = new HashMap<>();
        for (RunSpec r : order) {
            int least = 0;
            for (int s = 1; s < count; s++) if (load[s] < load[least]) least = s;
            load[least] += weight(r);
            shardOf.put(r.id(), least + 1);
        }
        return new ShardPlan(spec, count, shardOf);
    }

    public int count() {
        return count;
    }

    /** The shard (counted from 1) that runs this run. */
    public int shardOf(RunSpec run) {
        Integer s = shardOf.get(run.id());
        if (s == null) throw new IllegalArgumentException("run " + run.id() + " is not in campaign " + spec.name());
        return s;
    }

    /** The shard's runs, in the order of the campaign file. */
    public List<RunSpec> runs(Shard shard) {
        if (shard.count() != count) throw new IllegalArgumentException("shard " + shard + " of a plan cut into " + count);
        return spec.runs().stream().filter(r -> shardOf.get(r.id()) == shard.index()).toList();
    }

    /** The campaign restricted to one shard's runs, under the campaign's own name. */
    public CampaignSpec select(Shard shard) {
        return new CampaignSpec(spec.name(), runs(shard));
    }

    static double weight(RunSpec r) {
        return r.timeLimitSeconds() + RUN_OVERHEAD_SECONDS;
    }

    /** A hash of what makes a run this run, written out field by field so that it never depends on a toString or on the JVM. */
    static long identityHash(RunSpec r) {
        StringBuilder b = new StringBuilder()
                .append("store=").append(r.store()).append('\n')
                .append("workload=").append(r.workload()).append('\n')
                .append("nemesis=").append(String.join(",", r.nemesis())).append('\n')
                .append("store-faults=").append(String.join(",", r.storeFaults())).append('\n')
                .append("seed=").append(r.seed()).append('\n')
                .append("repeat=").append(r.repeat()).append('\n');
        r.options().forEach((k, v) -> b.append("opt.").append(k).append('=').append(v).append('\n')); // sorted: a TreeMap
        return ByteBuffer.wrap(sha256(b.toString())).getLong();
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
