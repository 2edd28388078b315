package io.faultline.nemesis;

import io.faultline.fault.Nemesis;
import java.util.Set;

/** Registered in META-INF/services so {@code --nemesis pause} finds it. */
public final class PauseNemesisProvider extends ConfiguredNemesisProvider {
    public PauseNemesisProvider() {
        super("pause", Set.of("targets"),
                "SIGSTOP and SIGCONT store processes (targets one, minority, majority, all, leader); option pause.targets");
    }

    @Override
    Nemesis create(NemesisOptions o) {
        return new PauseNemesis(o.choices("targets", Targets.SPECS, Targets.SPECS));
    }
}
