package io.faultline.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.env.Capability;
import io.faultline.env.Environment;
import io.faultline.preflight.Installer;
import io.faultline.preflight.Preflight;
import io.faultline.runner.HarnessFailure;
import io.faultline.runner.NemesisRegistry;
import io.faultline.runner.RunListener;
import io.faultline.runner.Runner;
import io.faultline.store.StoreRegistry;
import io.faultline.test.NemesisSchedule;
import io.faultline.test.TestDefinition;
import io.faultline.testing.fake.FakeEnvironment;
import io.faultline.testing.fake.FakeRegisterWorkload;
import io.faultline.testing.fake.MemoryStoreProvider;
import io.faultline.workload.WorkloadRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real pause nemesis against a store whose Db is not Pausable (the in-memory test double) in an
 * environment that can pause: the runner refuses it by name before the cluster starts, instead of
 * running a fault that cannot happen.
 */
class StoreCapabilityRefusalTest {
    @TempDir
    Path root;

    private final List<FakeEnvironment> created = new ArrayList<>();

    private void run(String nemesis) throws Exception {
        Runner runner = new Runner(new StoreRegistry(List.of(new MemoryStoreProvider(false))),
                new WorkloadRegistry(List.of(new FakeRegisterWorkload())),
                new NemesisRegistry(List.of(new PauseNemesisProvider(), new KillNemesisProvider())),
                request -> {
                    FakeEnvironment env = new FakeEnvironment(request.nodes(), request.runDir()) {
                        @Override
                        public Set<Capability> capabilities() {
                            return EnumSet.allOf(Capability.class);
                        }
                    };
                    created.add(env);
                    return env;
                },
                Path.of("."), RunListener.SILENT, new Preflight(Installer.none("this test installs nothing"), s -> { }));
        runner.run(new TestDefinition("memory-register", "auto", "memory", 3, "register",
                new NemesisSchedule(List.of(nemesis), Duration.ofMillis(300)), Duration.ofSeconds(2), 4, 200, 7L,
                List.of(), Map.of(), root, false));
    }

    @Test
    void aPauseNamedForAStoreThatCannotPauseIsRefusedWithTheStoreAndTheFault() {
        HarnessFailure e = assertThrows(HarnessFailure.class, () -> run("pause"));
        assertEquals("--nemesis pause needs PAUSABLE: the in-memory store cannot pause its nodes (its Db is not Pausable)",
                e.getMessage());
        assertEquals(1, created.size());
        assertTrue(created.getFirst().closed(), "the environment made for the run was removed");
    }

    @Test
    void aPackageOfOnlyPausesLeavesNothingForSuchAStoreAndIsRefused() {
        HarnessFailure e = assertThrows(HarnessFailure.class, () -> run("pauses"));
        assertEquals("--nemesis pauses: the fake environment with the in-memory store can do none of [pause]", e.getMessage());
    }
}
