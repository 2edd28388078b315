package io.faultline.nemesis;

import io.faultline.fault.Nemesis;
import java.util.Set;

/** Registered in META-INF/services so {@code --nemesis client-pause} finds it. */
public final class ClientPauseNemesisProvider extends ConfiguredNemesisProvider {
    public ClientPauseNemesisProvider() {
        super("client-pause", Set.of("wait-ms"),
                "freeze a lock holder's client (keep-alives stopped, no ops) for the fault's hold, a GC pause;"
                + " option client-pause.wait-ms (for a holder to appear, default 5000)");
    }

    @Override
    Nemesis create(NemesisOptions o) {
        return new ClientPauseNemesis(o.longValue("wait-ms", 5000, 0, 600_000));
    }
}
