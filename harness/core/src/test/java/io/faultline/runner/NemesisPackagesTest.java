package io.faultline.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NemesisPackagesTest {
    private static NemesisProvider provider(String name) {
        return new NemesisProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return name;
            }

            @Override
            public Nemesis create(Map<String, String> options) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private final NemesisRegistry registry = new NemesisRegistry(
            List.of("partition", "kill", "pause", "clock", "packet", "stale-election").stream().map(NemesisPackagesTest::provider).toList());

    @Test
    void allIsEveryFaultClassTheStoreSupports() {
        NemesisRegistry.Selection jvm = registry.select(List.of("all"), true);
        assertEquals(List.of("partition", "kill", "pause", "clock", "packet"), jvm.kinds());
        assertEquals(Set.copyOf(jvm.kinds()), jvm.optional(), "a package's kinds may be left out where the environment cannot do them");
        NemesisRegistry.Selection etcd = registry.select(List.of("all"), false);
        assertEquals(List.of("partition", "kill", "pause", "packet"), etcd.kinds());
        assertEquals(List.of("clock (the store's runtime does not honour libfaketime)"), etcd.leftOut());
    }

    @Test
    void namedPackagesMixWithSingleKindsAndSingleKindsStayRequired() {
        NemesisRegistry.Selection s = registry.select(List.of("crashes", "partition", "partitions", "network"), true);
        assertEquals(List.of("kill", "partition", "packet"), s.kinds());
        assertEquals(Set.of("kill", "packet"), s.optional(), "partition was also asked for by name");
        assertEquals(List.of("pause"), registry.select(List.of("pauses"), true).kinds());
        assertEquals(List.of("clock"), registry.select(List.of("clocks"), true).kinds());
        assertEquals(List.of("partition", "kill"), registry.select(List.of("partition", "kill"), false).kinds(),
                "comma lists of kinds keep working");
    }

    @Test
    void aPackageWithNothingLeftAndUnknownNamesAreRefused() {
        IllegalArgumentException clocks = assertThrows(IllegalArgumentException.class, () -> registry.select(List.of("clocks"), false));
        assertTrue(clocks.getMessage().contains("--nemesis clocks: nothing of it can run here"), clocks.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> registry.select(List.of("chaos"), true));
        assertTrue(unknown.getMessage().contains("packages: partitions, crashes, pauses, clocks, network, all"), unknown.getMessage());
        NemesisRegistry partial = new NemesisRegistry(List.of(provider("kill")));
        assertEquals(List.of("kill"), partial.select(List.of("all"), true).kinds(), "only what is on the class path");
    }
}
