package io.faultline.nemesis;

import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisProvider;
import java.util.Map;
import java.util.Set;

/** Registered in META-INF/services so {@code --nemesis kill} finds it. */
public final class KillNemesisProvider implements NemesisProvider {
    @Override
    public String name() {
        return "kill";
    }

    @Override
    public String description() {
        return "SIGKILL store processes and restart them on the same data directory (targets one, minority, majority, all, leader); option kill.targets";
    }

    @Override
    public Nemesis create(Map<String, String> options) {
        NemesisOptions o = new NemesisOptions("kill", options, Set.of("targets"));
        return new KillNemesis(o.choices("targets", Targets.SPECS, Targets.SPECS));
    }
}
