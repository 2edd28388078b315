package io.faultline.workload;

import io.faultline.check.Checker;
import io.faultline.client.Client;
import io.faultline.generator.Generator;
import java.util.List;

/** What clients do during a test and how the resulting history is judged. */
public interface Workload {
    String name();

    /**
     * Client ops of the main phase. It may be endless: the runner bounds it with the time limit and
     * paces it with the rate.
     */
    Generator generator();

    /** Client ops after every fault is healed and the cluster recovered (e.g. final reads); may be empty. */
    Generator finalGenerator();

    List<Checker> checkers();

    /**
     * The client a worker uses, built around the store's client for this workload. Most workloads
     * use the store's client as it is; one whose ops also touch something the harness keeps (the
     * lock workload's shared resource) wraps it here.
     */
    default Client client(Client storeClient) {
        return storeClient;
    }
}
