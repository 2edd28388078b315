package io.faultline.nemesis;

import io.faultline.fault.Nemesis;
import java.util.Set;

/** Registered in META-INF/services so {@code --nemesis kill} finds it. */
public final class KillNemesisProvider extends ConfiguredNemesisProvider {
    public KillNemesisProvider() {
        super("kill", Set.of("targets"),
                "SIGKILL store processes and restart them on the same data directory (targets one, minority, majority, all, leader); option kill.targets");
    }

    @Override
    Nemesis create(NemesisOptions o) {
        return new KillNemesis(o.choices("targets", Targets.SPECS, Targets.SPECS));
    }
}
