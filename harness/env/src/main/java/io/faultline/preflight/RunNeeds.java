package io.faultline.preflight;

import io.faultline.env.Capability;
import io.faultline.env.Privileges;
import io.faultline.fault.Nemesis;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run on this host needs, from what it asked for: the environment's own tools, the tools
 * through which the host delivers each fault capability the nemeses require, and the store's tools.
 * (In containers those live in the images; the docker module says what it needs itself.)
 */
public final class RunNeeds {
    private RunNeeds() {
    }

    /**
     * @param kind       the environment asked for: auto, local or loopback
     * @param nemeses    the faults asked for
     * @param store      the store's name
     * @param storeTools what the store's provider declares it needs on a host
     */
    public static List<Need> of(String kind, List<Nemesis> nemeses, String store, List<Tool> storeTools, Tools tools) {
        List<Need> needs = new ArrayList<>();
        String env = "--env " + kind;
        // auto picks namespaces as root (and ip is what tells whether it can), loopback otherwise.
        boolean namespaces = kind.equals("local") || (kind.equals("auto") && Privileges.isRoot());
        if (namespaces) needs.add(new Need(tools.iproute2(), env + " (network namespaces)"));
        for (Nemesis n : nemeses) {
            String by = "--nemesis " + n.name();
            for (Capability c : n.requires()) {
                switch (c) {
                    case KILL, PAUSE -> needs.add(new Need(tools.procps(), by));
                    case PARTITION, PACKET_LOSS -> {
                        if (namespaces) needs.add(new Need(tools.iptables(), by));
                    }
                    case CLOCK -> needs.add(new Need(tools.faketime(), by));
                    case PACKET_DELAY -> {
                        // the fault proxy is part of faultline itself
                    }
                }
            }
        }
        for (Tool t : storeTools) needs.add(new Need(t, "--store " + store));
        return needs;
    }
}
