package io.faultline.env;

import java.util.Optional;

/** How an environment puts nodes on a network: loopback addresses, or namespaces on a bridge. */
sealed interface NodeNetwork permits LoopbackNetwork, NamespaceNetwork {
    /** "loopback" or "local". */
    String kind();

    AddressBlock block();

    /** The faults nodes on this network cannot have, and why. */
    Missing missing();

    /** The namespace node i (1-based) runs in, if any. */
    Optional<String> netns(int i);

    /** Kills whatever still runs inside the network (processes not started through a node). */
    void killStragglers();

    /** Removes every namespace, link and address; node processes must be gone first. */
    void teardown();
}
