package io.faultline.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.testing.Checkout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CampaignSpecTest {

    @Test
    void matrixExpandsToEveryCombinationInOrder() throws Exception {
        CampaignSpec s = CampaignSpec.parse("""
                name: demo
                defaults: {time-limit: 12, opts: {workload.ops-per-key: 50}}
                matrix:
                  stores: [raftstore, etcd]
                  workloads: [register, set]
                  nemeses: [none, "partition,kill"]
                  seeds: [1, 2]
                  repeats: 2
                """, "demo.yaml");
        assertEquals("demo", s.name());
        assertEquals(2 * 2 * 2 * 2 * 2, s.runs().size());
        RunSpec first = s.runs().getFirst();
        assertEquals("raftstore-register-none-s1-r0", first.id());
        assertEquals(List.of(), first.nemesis());
        assertEquals(12.0, first.timeLimitSeconds());
        assertEquals("50", first.options().get("workload.ops-per-key"));
        assertEquals(Expectation.VALID, first.expect());
        assertEquals("etcd-set-partition+kill-s2-r1", s.runs().getLast().id());
        assertEquals(List.of("partition", "kill"), s.runs().getLast().nemesis());
    }

    @Test
    void explicitRunsCarryStoreFaultsAndExpectations() throws Exception {
        CampaignSpec s = CampaignSpec.parse("""
                name: faults
                runs:
                  - {workload: register, nemesis: partition, store-fault: stale-reads, seeds: [3, 4], expect: anomaly}
                  - {workload: set, nemesis: kill, store-fault: "ack-before-commit", expect: anomaly, time-limit: 40}
                """, "f.yaml");
        assertEquals(3, s.runs().size());
        assertEquals("raftstore-register-partition-stale-reads-s3", s.runs().getFirst().id());
        assertEquals(List.of("stale-reads"), s.runs().getFirst().storeFaults());
        assertEquals(Expectation.ANOMALY, s.runs().get(2).expect());
        assertEquals(40.0, s.runs().get(2).timeLimitSeconds());
    }

    @Test
    void sshCampaignsNameTheirHostsAsTheCommandLineDoes() throws Exception {
        CampaignSpec s = CampaignSpec.parse("""
                name: fleet
                defaults: {env: ssh, hosts: [db1, "db2:2222", db3], ssh-user: ops, sudo: true, ssh-accept-new: true}
                runs:
                  - {workload: register, nemesis: "partition,kill", seeds: [1]}
                  - {store: etcd, workload: register, nemesis: partition, seeds: [2], etcd-bin: /opt/etcd/etcd}
                """, "fleet.yaml");
        RunSpec first = s.runs().getFirst();
        assertEquals("ssh", first.environment());
        assertEquals("db1,db2:2222,db3", first.options().get("env.hosts"));
        assertEquals("ops", first.options().get("env.ssh-user"));
        assertEquals("true", first.options().get("env.sudo"));
        assertEquals("true", first.options().get("env.ssh-accept-new"));
        assertEquals("/opt/etcd/etcd", s.runs().get(1).options().get("env.etcd-bin"));
        // What the runner hands the ssh environment: the same settings --hosts and --ssh-* produce.
        var hosts = io.faultline.runner.RemoteHosts.fromSettings(java.util.Map.of("hosts", first.options().get("env.hosts"),
                "ssh-user", first.options().get("env.ssh-user")));
        assertEquals(3, hosts.hosts().size());
        assertEquals(2222, hosts.hosts().get(1).port());
    }

    @Test
    void sshWithoutHostsAndHostsWithoutSshAreRefused() {
        assertMessage("name: x\nruns:\n  - {env: ssh, workload: register}\n", "x.yaml: runs[0].env: env ssh needs the hosts to test");
        assertMessage("name: x\nruns:\n  - {env: local, hosts: [a, b, c]}\n", "apply to env: ssh only");
    }

    @Test
    void errorsNameTheFileAndTheField() {
        assertMessage("name: x\nmatrix: {seeds: [1, two]}\n", "x.yaml: matrix.seeds[1]: expected an integer seed");
        assertMessage("name: x\nmatrix: {colour: red}\n", "x.yaml: matrix.colour: unknown setting");
        assertMessage("name: x\nruns:\n  - {expect: maybe}\n", "x.yaml: runs[0].expect: expected 'valid' or 'anomaly'");
        assertMessage("name: x\ndefaults: {rate: fast}\nmatrix: {}\n", "x.yaml: defaults.rate: expected a number");
        assertMessage("matrix: {}\n", "x.yaml: name: required");
        assertMessage("name: x\n", "x.yaml: no runs");
        assertMessage("name: x\nmatrix: {opts: {colour: red}}\n", "x.yaml: matrix.opts.colour: expected store.KEY");
        assertMessage("name: x\nmatrix: [1, 2\n", "x.yaml:");
        assertMessage("name: x\nmatrix: {seeds: [1, 1]}\n", "appears twice");
        assertMessage("name: x\ndefaults: {env: dokcer}\nmatrix: {}\n", "expected one of auto, local, loopback, docker, ssh, found 'dokcer'");
    }

    @Test
    void everyBundledCampaignFileParses() throws Exception {
        Path dir = Checkout.root().resolve("campaigns");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            // findings.yaml is the record of reproduced findings (claims, commands, measured shares), not a campaign.
            files = s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("findings.yaml")).toList();
        }
        assertTrue(files.stream().anyMatch(p -> p.getFileName().toString().equals("ci.yaml")), "campaigns/ci.yaml exists");
        for (Path f : files) {
            CampaignSpec s = CampaignSpec.read(f);
            assertTrue(!s.runs().isEmpty(), f + " has runs");
        }
        CampaignSpec ci = CampaignSpec.read(dir.resolve("ci.yaml"));
        // ci gates both directions: correct configurations must pass and every store fault mode must be caught
        assertTrue(ci.runs().stream().anyMatch(r -> r.expect() == Expectation.VALID && r.storeFaults().isEmpty()));
        List<String> modes = List.of("stale-reads", "follower-reads", "no-fsync", "ack-before-commit",
                "no-election-restriction", "lease-too-long", "no-dedupe", "no-txn-isolation");
        for (String m : modes) {
            assertTrue(ci.runs().stream().anyMatch(r -> r.storeFaults().contains(m) && r.expect() == Expectation.ANOMALY),
                    "ci.yaml expects " + m + " to be detected");
        }
    }

    @Test
    void campaignCommandRejectsBadFilesWithExitCode3AndDryRunListsRuns(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nmatrix: {seeds: [1, two]}\n");
        assertEquals(3, io.faultline.cli.Main.execute("campaign", bad.toString(), "--results", tmp.toString()));
        assertEquals(3, io.faultline.cli.Main.execute("campaign", tmp.resolve("missing.yaml").toString()));
        // The harness module alone has no stores on its class path: a dry run validates the runs against
        // the registries and refuses (CampaignValidatorTest in workloads checks the full case).
        Path good = tmp.resolve("good.yaml");
        Files.writeString(good, "name: x\nmatrix: {seeds: [1, 2]}\n");
        assertEquals(3, io.faultline.cli.Main.execute("campaign", good.toString(), "--dry-run"));
        assertTrue(Files.notExists(tmp.resolve("x")), "a dry run runs nothing");
    }

    private static void assertMessage(String yaml, String expected) {
        CampaignException e = assertThrows(CampaignException.class, () -> CampaignSpec.parse(yaml, "x.yaml"));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
