package io.faultline.env;

import io.faultline.fault.Nemesis;
import io.faultline.preflight.Need;
import io.faultline.preflight.RunNeeds;
import io.faultline.preflight.Tool;
import io.faultline.preflight.Tools;
import io.faultline.runner.EnvironmentProvider;
import io.faultline.runner.EnvironmentRequest;
import java.util.List;

/** Nodes on this host: network namespaces ("local"), loopback processes, or whichever works ("auto"). */
public final class HostEnvironmentProvider implements EnvironmentProvider {
    @Override
    public List<String> kinds() {
        return List.of("auto", "local", "loopback");
    }

    @Override
    public Environment create(EnvironmentRequest request) {
        return Environments.create(request.spec());
    }

    @Override
    public String title() {
        return "this host (--env auto, local, loopback)";
    }

    /** The docker line is the docker provider's to tell (it also checks images). */
    @Override
    public List<io.faultline.preflight.Check> doctor() {
        return new Prerequisites().run().stream().filter(c -> !c.name().equals("docker")).toList();
    }

    @Override
    public List<String> removeLeftovers(boolean all, boolean dryRun) {
        Leftovers.Report r = Leftovers.clean(all, dryRun, s -> { });
        if (!r.clean()) {
            throw new EnvironmentException("could not remove: " + String.join("; ", r.failures())
                    + " (removing namespaces and links needs root; check 'ip netns list' and 'ip link')");
        }
        return r.lines();
    }

    @Override
    public List<Need> needs(String kind, String store, List<Nemesis> nemeses, List<Tool> storeTools) {
        return RunNeeds.of(kind, nemeses, store, storeTools, new Tools());
    }
}
