package io.faultline.junit;

import org.junit.jupiter.api.Tag;

/** {@link StaleReadCheck} in Docker containers: the partition is iptables inside them. */
@Tag("docker")
@FaultlineCluster(store = "raftstore", nodes = 3, env = FaultlineCluster.Env.DOCKER)
class StaleReadsDockerTest extends StaleReadCheck {
}
