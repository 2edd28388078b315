package io.faultline.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.faultline.test.TestDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SshOptionsTest {
    private static RunCommand parse(String... args) {
        RunCommand c = new RunCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void theSshFlagsBecomeTheRunsEnvSettings() {
        TestDefinition d = parse("--env", "ssh", "--hosts", "db1,db2:2222,db3", "--ssh-user", "ops", "--sudo",
                "--ssh-accept-new", "--ssh-port", "2200").definition();
        Map<String, String> env = d.optionsFor("env");
        assertEquals("db1:2200,db2:2222,db3:2200", env.get("hosts"));
        assertEquals("ops", env.get("ssh-user"));
        assertEquals("true", env.get("sudo"));
        assertEquals("true", env.get("ssh-accept-new"));
        assertEquals("ssh", d.environment());
    }

    @Test
    void missingOrMisplacedHostsNameTheFlag(@TempDir Path dir) throws Exception {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--env", "ssh").definition()).getMessage()
                .startsWith("--env ssh needs the hosts: --hosts h1,h2,h3 or --hosts-file FILE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--hosts", "a,b").definition()).getMessage()
                .startsWith("--hosts and --hosts-file need --env ssh"));
        Path f = dir.resolve("hosts.txt");
        Files.writeString(f, "db1\ndb2:x\n");
        String msg = assertThrows(IllegalArgumentException.class, () -> parse("--env", "ssh", "--hosts-file", f.toString())
                .definition()).getMessage();
        assertTrue(msg.startsWith(f + ":2: 'db2:x': port 'x' is not a number"), msg);
        assertEquals(ExitCode.HARNESS_FAILURE, Main.execute("run", "--env", "ssh", "--hosts-file", f.toString()));
        CliRun cleanup = CliRun.of("cleanup", "--hosts", "a");
        assertEquals(ExitCode.HARNESS_FAILURE, cleanup.exit());
    }

    /** compare takes run's flags through the same mixin: every run of the comparison carries them, one node per host. */
    @Test
    void compareTakesTheSameSshFlagsAsRun(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("key"), "not read here");
        CompareCommand c = new CompareCommand();
        new CommandLine(c).parseArgs("--store", "raftstore,etcd", "--env", "ssh", "--hosts", "db1,db2:2222", "--ssh-user", "ops",
                "--ssh-key", key.toString(), "--ssh-port", "2200", "--sudo", "--ssh-accept-new",
                "--known-hosts", dir.resolve("kh").toString());
        io.faultline.campaign.CampaignSpec spec = io.faultline.campaign.CampaignSpec.parse(c.yaml("20260101T000000"), "compare options");
        assertEquals(2, spec.runs().size());
        for (io.faultline.campaign.RunSpec r : spec.runs()) {
            assertEquals("ssh", r.environment());
            assertEquals(2, r.nodes(), "one node per host");
            assertEquals(Map.of("env.hosts", "db1:2200,db2:2222", "env.ssh-user", "ops", "env.ssh-key", key.toAbsolutePath().toString(),
                    "env.ssh-port", "2200", "env.sudo", "true", "env.ssh-accept-new", "true",
                    "env.known-hosts", dir.resolve("kh").toAbsolutePath().toString()),
                    r.options().entrySet().stream().filter(e -> e.getKey().startsWith("env."))
                            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), r.id());
        }
        Path f = dir.resolve("hosts.txt");
        Files.writeString(f, "db1\n\ndb2:x\n");
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.execute("compare", "--store", "raftstore", "--env", "ssh", "--hosts-file", f.toString(),
                    "--results", dir.resolve("results").toString());
        } finally {
            System.setErr(saved);
        }
        assertEquals(ExitCode.HARNESS_FAILURE, exit);
        assertTrue(err.toString().contains(f + ":3: 'db2:x': port 'x' is not a number"), err.toString());
        assertFalse(Files.exists(dir.resolve("results")), "refused before any run");
        assertEquals(ExitCode.HARNESS_FAILURE, Main.execute("compare", "--store", "raftstore", "--hosts", "db1"),
                "--hosts without --env ssh");
    }
}
