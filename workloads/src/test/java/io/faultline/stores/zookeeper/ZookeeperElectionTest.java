package io.faultline.stores.zookeeper;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.runner.RunResult;
import io.faultline.stores.etcd.Runs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ephemeral-sequential election recipe under pauses: a paused server drops its clients'
 * connections (they see Disconnected and stop claiming leadership) and, past the session timeout,
 * their znodes go and the next candidate leads.
 */
class ZookeeperElectionTest {
    @Test
    void electionUnderPauseHasOneLeaderAtATimeAndIncreasingTokens(@TempDir Path results) throws Exception {
        RunResult r = Runs.run(results, "zookeeper", "election", Runs.faults(Runs.environment(), "pause"), 3, 20, 5, 50, 3L,
                Map.of("nemesis.pause.targets", "one,minority"));
        CheckResult c = r.results().stream().filter(x -> x.checker().equals("election")).findFirst().orElseThrow();
        assertEquals(Verdict.VALID, c.verdict(), () -> "results in " + r.dir() + ": " + c.summary() + " " + c.anomalies());
        assertTrue(c.summary().matches(".*across ([3-9]|\\d{2,}) acquisitions.*"), () -> "leadership changed hands: " + c.summary());
        assertTrue(r.stats().faults() >= 2, "pauses were injected: " + r.stats().faults());
    }
}
