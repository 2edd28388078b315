package io.faultline.nemesis;

import io.faultline.fault.Nemesis;
import java.util.List;
import java.util.Set;

/** Registered in META-INF/services so {@code --nemesis clock} finds it. */
public final class ClockNemesisProvider extends ConfiguredNemesisProvider {
    public ClockNemesisProvider() {
        super("clock", Set.of("modes", "targets", "max-ms", "strobe-ms", "strobe-period-ms"),
                "Skew node clocks through libfaketime offset files (bump by up to clock.max-ms, strobe, reset), verified by reading each node's clock; options clock.modes, clock.targets, clock.max-ms, clock.strobe-ms, clock.strobe-period-ms");
    }

    @Override
    Nemesis create(NemesisOptions o) {
        return new ClockNemesis(o.choices("modes", ClockNemesis.MODES, List.of("bump", "strobe")), o.choices("targets", Targets.SPECS, Targets.SPECS), o.longValue("max-ms", 30_000, 10, 86_400_000), o.longValue("strobe-ms", 5_000, 0, 600_000), o.longValue("strobe-period-ms", 1_000, 1_000, 60_000));
    }
}
