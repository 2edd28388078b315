package io.faultline.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.Verdict;
import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisContext;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.preflight.Installer;
import io.faultline.preflight.Need;
import io.faultline.preflight.Preflight;
import io.faultline.preflight.Tool;
import io.faultline.store.StoreRegistry;
import io.faultline.test.NemesisSchedule;
import io.faultline.test.TestDefinition;
import io.faultline.testing.fake.FakeEnvironments;
import io.faultline.testing.fake.FakeKillNemesis;
import io.faultline.testing.fake.MemoryStoreProvider;
import io.faultline.testing.fake.FakeRegisterWorkload;
import io.faultline.workload.WorkloadRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner in its own module: phases, the results folder, the exit code from verified faults, preflight. */
class RunnerTest {
    @TempDir
    Path root;

    private final MemoryStoreProvider memory = new MemoryStoreProvider(false);
    private FakeEnvironments environments;

    private RunResult run(FakeKillNemesis kill, List<Need> needs) throws Exception {
        environments = new FakeEnvironments(needs);
        Runner runner = new Runner(new StoreRegistry(List.of(memory)), new WorkloadRegistry(List.of(new FakeRegisterWorkload())),
                new NemesisRegistry(List.of(kill)), environments, Path.of("."), RunListener.SILENT,
                new Preflight(Installer.none("this test installs nothing"), s -> { }));
        TestDefinition def = new TestDefinition("memory-register", "auto", "memory", 3, "register",
                new NemesisSchedule(List.of("kill"), Duration.ofMillis(300)), Duration.ofSeconds(2), 4, 200, 7L,
                List.of(), Map.of(), root, false);
        return runner.run(def);
    }

    @Test
    void aValidRunWithVerifiedFaultsLeavesItsFolderAndExitsZero() throws Exception {
        RunResult r = run(new FakeKillNemesis(), List.of());
        assertEquals(Verdict.VALID, r.verdict(), () -> r.results().toString());
        assertEquals("", r.faultShortfall());
        assertEquals(0, r.exitCode());
        for (String f : List.of("test.json", "history.jsonl", "results.json")) {
            assertTrue(Files.isRegularFile(r.dir().resolve(f)), f + " in " + r.dir());
        }
        assertFalse(Files.exists(r.dir().resolve("report.html")), "the runner records; whoever asked renders the report");
        assertTrue(environments.last().closed() && memory.last().tornDown(), "environment closed and store torn down");
        assertTrue(r.stats().faultTallies().getFirst().allVerified(), r.stats().faultLine());
        assertTrue(Files.readString(r.dir().resolve("results.json")).contains("\"exit-code\" : 0"));
    }

    @Test
    void aFaultThatDidNotTakeEffectMakesTheRunExitThree() throws Exception {
        FakeKillNemesis claimsOnly = new FakeKillNemesis() {
            @Override
            public Nemesis create(Map<String, String> options) {
                return this;
            }

            @Override
            public Op invoke(NemesisContext ctx, Op inv) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("fault", "kill");
                v.put("verified", false);
                v.put("reason", "the process was still running");
                return new Op(inv.index(), inv.time(), Op.NEMESIS, OpType.INFO, inv.f(), null, v, null, null);
            }
        };
        RunResult r = run(claimsOnly, List.of());
        assertEquals(Verdict.VALID, r.verdict(), "the history itself is fine");
        assertEquals(3, r.exitCode(), "but the test did not happen as asked");
        assertTrue(r.faultShortfall().contains("kill:") && r.faultShortfall().contains("the process was still running"),
                r.faultShortfall());
        assertTrue(Files.readString(r.dir().resolve("results.json")).contains("\"exit-code\" : 3"));
    }

    /** A partition nemesis the fake environment (kill only) cannot serve. */
    private static io.faultline.fault.NemesisProvider partitionProvider() {
        return new io.faultline.fault.NemesisProvider() {
            @Override
            public String name() {
                return "partition";
            }

            @Override
            public String description() {
                return "needs PARTITION";
            }

            @Override
            public Nemesis create(Map<String, String> options) {
                return new Nemesis() {
                    @Override
                    public String name() {
                        return "partition";
                    }

                    @Override
                    public java.util.Set<io.faultline.env.Capability> requires() {
                        return java.util.Set.of(io.faultline.env.Capability.PARTITION);
                    }

                    @Override
                    public Op invoke(NemesisContext context, Op invocation) {
                        throw new AssertionError("never scheduled");
                    }

                    @Override
                    public void healAll(NemesisContext context) {
                    }

                    @Override
                    public String verifyHealed(NemesisContext context) {
                        return "";
                    }
                };
            }
        };
    }

    private RunResult runWith(String nemesis) throws Exception {
        environments = new FakeEnvironments(List.of());
        Runner runner = new Runner(new StoreRegistry(List.of(memory)), new WorkloadRegistry(List.of(new FakeRegisterWorkload())),
                new NemesisRegistry(List.of(new FakeKillNemesis(), partitionProvider())), environments, Path.of("."),
                RunListener.SILENT, new Preflight(Installer.none("this test installs nothing"), s -> { }));
        return runner.run(new TestDefinition("memory-register", "auto", "memory", 3, "register",
                new NemesisSchedule(List.of(nemesis.split(",")), Duration.ofMillis(300)), Duration.ofSeconds(2), 4, 200, 7L,
                List.of(), Map.of(), root, false));
    }

    @Test
    void aPackageLeavesOutWhatTheEnvironmentCannotDoButANamedKindIsRefused() throws Exception {
        RunResult all = runWith("all");
        assertEquals(0, all.exitCode(), () -> all.faultShortfall() + " " + all.results());
        String results = Files.readString(all.dir().resolve("results.json"));
        assertTrue(results.contains("\"faults-requested\" : [ \"kill\" ]"), results);
        assertTrue(Files.readString(all.dir().resolve("test.json")).contains("\"nemesis-kinds\" : [ \"partition\", \"kill\" ]"));
        HarnessFailure named = assertThrows(HarnessFailure.class, () -> runWith("partition,kill"));
        assertTrue(named.getMessage().startsWith("--nemesis partition needs PARTITION"), named.getMessage());
    }

    @Test
    void anUnmetPrerequisiteStopsTheRunBeforeAnythingStarts() {
        Tool missing = new Tool("iptables", "iptables", "", () -> "'iptables' is not on PATH");
        HarnessFailure e = assertThrows(HarnessFailure.class,
                () -> run(new FakeKillNemesis(), List.of(new Need(missing, "--nemesis partition"))));
        assertTrue(e.getMessage().contains("iptables (needed by --nemesis partition): 'iptables' is not on PATH")
                && e.getMessage().contains("fix: apt-get install -y iptables"), e.getMessage());
        assertEquals(null, environments.last(), "no environment was created");
        assertEquals(null, memory.last(), "no store was built");
    }
}
