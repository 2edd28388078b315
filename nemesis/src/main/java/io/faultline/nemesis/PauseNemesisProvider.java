package io.faultline.nemesis;

import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisProvider;
import java.util.Map;
import java.util.Set;

/** Registered in META-INF/services so {@code --nemesis pause} finds it. */
public final class PauseNemesisProvider implements NemesisProvider {
    @Override
    public String name() {
        return "pause";
    }

    @Override
    public String description() {
        return "SIGSTOP and SIGCONT store processes (targets one, minority, majority, all, leader); option pause.targets";
    }

    @Override
    public Nemesis create(Map<String, String> options) {
        NemesisOptions o = new NemesisOptions("pause", options, Set.of("targets"));
        return new PauseNemesis(o.choices("targets", Targets.SPECS, Targets.SPECS));
    }
}
