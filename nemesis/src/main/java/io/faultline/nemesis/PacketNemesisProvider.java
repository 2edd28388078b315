package io.faultline.nemesis;

import io.faultline.fault.Nemesis;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Registered in META-INF/services so {@code --nemesis packet} finds it. */
public final class PacketNemesisProvider extends ConfiguredNemesisProvider {
    public PacketNemesisProvider() {
        super("packet", Set.of("modes", "targets", "delay-ms", "jitter-ms", "loss"),
                "Packet faults on peer links: delay+-jitter and stall through the fault proxy, loss by iptables statistic inside the namespaces; options packet.modes, packet.targets, packet.delay-ms, packet.jitter-ms, packet.loss");
    }

    @Override
    Nemesis create(NemesisOptions o) {
        return new PacketNemesis(o.choices("modes", PacketNemesis.MODES, PacketNemesis.MODES), o.choices("targets", Targets.SPECS, List.of("one", "minority", "majority")), Duration.ofMillis(o.longValue("delay-ms", 100, 0, 60_000)), Duration.ofMillis(o.longValue("jitter-ms", 50, 0, 60_000)), o.doubleValue("loss", 0.2, 0.0, 1.0));
    }
}
