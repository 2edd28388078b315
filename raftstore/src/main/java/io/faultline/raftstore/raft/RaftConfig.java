package io.faultline.raftstore.raft;

/**
 * Tunables of the consensus core, in ticks.
 *
 * @param electionRestriction false only under the no-election-restriction fault mode
 * @param leaseTicks          how long a quorum contact keeps lease reads valid; below
 *                            electionTicks unless the lease-too-long fault mode is on
 */
public record RaftConfig(String id, int electionTicks, int heartbeatTicks, boolean preVote, boolean checkQuorum,
                         int maxInflight, int maxBatchBytes, boolean electionRestriction, int leaseTicks, long seed) {
    public RaftConfig {
        if (electionTicks <= heartbeatTicks) {
            throw new IllegalArgumentException("electionTicks (" + electionTicks + ") must exceed heartbeatTicks ("
                    + heartbeatTicks + ")");
        }
        if (heartbeatTicks < 1) throw new IllegalArgumentException("heartbeatTicks must be >= 1");
    }

    public static RaftConfig defaults(String id, long seed) {
        return new RaftConfig(id, 10, 1, true, true, 256, 1 << 20, true, 8, seed);
    }
}
