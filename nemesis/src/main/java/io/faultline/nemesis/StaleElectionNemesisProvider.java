package io.faultline.nemesis;

import io.faultline.fault.Nemesis;
import java.util.Set;

/** Registered in META-INF/services so {@code --nemesis stale-election} finds it. */
public final class StaleElectionNemesisProvider extends ConfiguredNemesisProvider {
    public StaleElectionNemesisProvider() {
        super(StaleElectionNemesis.NAME, Set.of("settle-ms", "down-ms"),
                "Isolate a follower until it lags, then kill the leader, wait, and heal, so the stale node races an "
                + "up-to-date one for the next election (catches a missing election restriction); options "
                + "stale-election.settle-ms (default 1500), stale-election.down-ms (default 2000)");
    }

    @Override
    Nemesis create(NemesisOptions o) {
        return new StaleElectionNemesis(o.longValue("settle-ms", 1500, 0, 60_000), o.longValue("down-ms", 2000, 0, 60_000));
    }
}
