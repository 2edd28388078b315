package io.faultline.nemesis;

import io.faultline.fault.Nemesis;
import java.util.Set;

/** Registered in META-INF/services so {@code --nemesis partition} finds it. */
public final class PartitionNemesisProvider extends ConfiguredNemesisProvider {
    public PartitionNemesisProvider() {
        super("partition", Set.of("modes"),
                "Network partitions as grudges (modes one, leader, majority, majorities-ring, bridge) by iptables DROP rules inside the node namespaces; option partition.modes");
    }

    @Override
    Nemesis create(NemesisOptions o) {
        return new PartitionNemesis(o.choices("modes", Grudges.MODES, Grudges.MODES));
    }
}
