package io.faultline.nemesis;

import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisProvider;
import java.util.Map;
import java.util.Set;

/** Registered in META-INF/services so {@code --nemesis client-pause} finds it. */
public final class ClientPauseNemesisProvider implements NemesisProvider {
    @Override
    public String name() {
        return "client-pause";
    }

    @Override
    public String description() {
        return "freeze a lock holder's client (keep-alives stopped, no ops) for the fault's hold, a GC pause;"
                + " option client-pause.wait-ms (for a holder to appear, default 5000)";
    }

    @Override
    public Nemesis create(Map<String, String> options) {
        NemesisOptions o = new NemesisOptions("client-pause", options, Set.of("wait-ms"));
        return new ClientPauseNemesis(o.longValue("wait-ms", 5000, 0, 600_000));
    }
}
