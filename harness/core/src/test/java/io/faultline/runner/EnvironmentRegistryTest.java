package io.faultline.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.env.Environment;
import io.faultline.env.EnvironmentException;
import io.faultline.fault.Nemesis;
import io.faultline.preflight.Need;
import io.faultline.preflight.Tool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentRegistryTest {
    /** A provider that records which kinds it was asked to create and returns no environment. */
    private static final class Recording implements EnvironmentProvider {
        final List<String> kinds;
        final List<String> created = new ArrayList<>();

        Recording(String... kinds) {
            this.kinds = List.of(kinds);
        }

        @Override
        public List<String> kinds() {
            return kinds;
        }

        @Override
        public Environment create(EnvironmentRequest request) {
            created.add(request.kind());
            return null;
        }

        @Override
        public String title() {
            return String.join(",", kinds);
        }

        @Override
        public List<io.faultline.preflight.Check> doctor() {
            return List.of();
        }

        @Override
        public List<String> removeLeftovers(boolean all, boolean dryRun) {
            return List.of();
        }

        @Override
        public List<Need> needs(String kind, String store, List<Nemesis> nemeses, List<Tool> storeTools) {
            return List.of(new Need(new Tool(kind + "-tool", "", "", () -> ""), "--env " + kind));
        }
    }

    private static EnvironmentRequest request(String kind) {
        return new EnvironmentRequest(kind, "t1", 3, Path.of("/tmp"), false, false, "raftstore", Path.of("."));
    }

    @Test
    void eachKindGoesToItsProviderAndTheKindAskedForIsTheKindDelivered() throws Exception {
        Recording host = new Recording("auto", "local", "loopback");
        Recording docker = new Recording("docker");
        EnvironmentRegistry r = new EnvironmentRegistry(List.of(host, docker));
        r.create(request("docker"));
        r.create(request("loopback"));
        assertEquals(List.of("docker"), docker.created);
        assertEquals(List.of("loopback"), host.created);
        assertEquals("docker-tool", r.needs("docker", "raftstore", List.of(), List.of()).getFirst().tool().name());
        assertEquals(List.of("auto", "local", "loopback", "docker"), r.kinds());
        assertEquals(List.of(host, docker), r.providers(), "each provider once, for doctor and cleanup");
    }

    @Test
    void anUnknownKindIsRefusedNotReplacedByAuto() {
        Recording host = new Recording("auto", "local", "loopback");
        EnvironmentRegistry r = new EnvironmentRegistry(List.of(host));
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> r.create(request("dokcer")));
        assertTrue(e.getMessage().contains("unknown environment 'dokcer'; expected one of auto, local, loopback"), e.getMessage());
        assertTrue(host.created.isEmpty(), "nothing was created in its place");
        // A kind of the contract whose module is absent says so.
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> r.requireKnown("docker", "--env"));
        assertTrue(d.getMessage().contains("the module providing 'docker' is not on the class path"), d.getMessage());
        assertSame(IllegalArgumentException.class, assertThrows(IllegalArgumentException.class,
                () -> r.requireKnown("vm", "env")).getClass());
    }
}
