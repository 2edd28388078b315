package io.faultline.raftstore.node;

import io.faultline.raftstore.net.HostPort;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Everything a node is started with (see Main for the flags).
 *
 * @param peers the address this node dials for each peer (may be a fault proxy)
 * @param join  start with no membership and wait to be added by the leader
 */
public record ServerConfig(String id, Path dataDir, HostPort client, HostPort peer, Map<String, HostPort> peers,
                           Set<FaultMode> faults, int electionTimeoutMs, int heartbeatMs, int snapshotThreshold,
                           int sessionExpirySeconds, int leaseMs, boolean join) {
}
