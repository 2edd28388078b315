package io.faultline.campaign;

import io.faultline.fault.NemesisProvider;
import io.faultline.runner.NemesisRegistry;
import io.faultline.store.StoreRegistry;
import io.faultline.test.NemesisSchedule;
import io.faultline.test.TestDefinition;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workload.WorkloadRegistry;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Checks every run of a campaign against what is on the class path before anything starts: the
 * store, workload and nemeses exist and accept the run's options. A campaign of a hundred runs must
 * not fail on the ninetieth for a typo in the file.
 */
public final class CampaignValidator {
    private final StoreRegistry stores;
    private final WorkloadRegistry workloads;
    private final NemesisRegistry nemeses;

    public CampaignValidator(StoreRegistry stores, WorkloadRegistry workloads, NemesisRegistry nemeses) {
        this.stores = stores;
        this.workloads = workloads;
        this.nemeses = nemeses;
    }

    /** Throws naming the file and the first run that is not valid, and why. */
    public void validate(CampaignSpec spec, String source) throws CampaignException {
        for (RunSpec rs : spec.runs()) {
            try {
                TestDefinition def = new TestDefinition(rs.id(), rs.environment(), rs.store(), rs.nodes(), rs.workload(),
                        new NemesisSchedule(rs.nemesis(), Duration.ofMillis((long) (rs.nemesisIntervalSeconds() * 1000))),
                        Duration.ofMillis((long) (rs.timeLimitSeconds() * 1000)), rs.concurrency(), rs.rate(), rs.seed(),
                        rs.storeFaults(), rs.options(), Path.of("."), false);
                stores.find(def.store());
                workloads.find(def.workload()).create(new WorkloadOptions(def.seed(), def.concurrency(), def.nodes(),
                        def.optionsFor("workload")));
                for (String f : nemeses.select(def.nemesis().faults(), true).kinds()) {
                    NemesisProvider p = nemeses.find(f);
                    p.create(def.optionsFor("nemesis"));
                }
            } catch (IllegalArgumentException e) {
                throw new CampaignException(source + ": run " + rs.id() + ": " + e.getMessage());
            }
        }
    }
}
