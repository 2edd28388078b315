package io.faultline.junit;

/** {@link StaleReadCheck} on network namespaces (skipped without partitions, i.e. without root). */
@FaultlineCluster(store = "raftstore", nodes = 3, env = FaultlineCluster.Env.LOCAL)
class StaleReadsLocalTest extends StaleReadCheck {
}
