package io.faultline.nemesis;

import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisProvider;
import java.util.Map;
import java.util.Set;

/** Registered in META-INF/services so {@code --nemesis partition} finds it. */
public final class PartitionNemesisProvider implements NemesisProvider {
    @Override
    public String name() {
        return "partition";
    }

    @Override
    public String description() {
        return "Network partitions as grudges (modes one, leader, majority, majorities-ring, bridge) by iptables DROP rules inside the node namespaces; option partition.modes";
    }

    @Override
    public Nemesis create(Map<String, String> options) {
        NemesisOptions o = new NemesisOptions("partition", options, Set.of("modes"));
        return new PartitionNemesis(o.choices("modes", Grudges.MODES, Grudges.MODES));
    }
}
