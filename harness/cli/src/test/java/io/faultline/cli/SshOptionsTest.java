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
}
