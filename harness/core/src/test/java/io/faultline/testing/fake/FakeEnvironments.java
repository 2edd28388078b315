package io.faultline.testing.fake;

import io.faultline.env.Environment;
import io.faultline.fault.Nemesis;
import io.faultline.preflight.Need;
import io.faultline.preflight.Tool;
import io.faultline.runner.EnvironmentFactory;
import io.faultline.runner.EnvironmentRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** An environment factory that builds {@link FakeEnvironment}s, keeps the last, and declares the needs it is given. */
public final class FakeEnvironments implements EnvironmentFactory {
    private final List<Need> needs;
    private final AtomicReference<FakeEnvironment> last = new AtomicReference<>();

    public FakeEnvironments() {
        this(List.of());
    }

    /** @param needs what the preflight must find on this machine before the run may start */
    public FakeEnvironments(List<Need> needs) {
        this.needs = List.copyOf(needs);
    }

    @Override
    public Environment create(EnvironmentRequest r) {
        FakeEnvironment e = new FakeEnvironment(r.nodes(), r.runDir());
        last.set(e);
        return e;
    }

    @Override
    public List<Need> needs(String kind, String store, List<Nemesis> nemeses, List<Tool> storeTools) {
        return needs;
    }

    /** The environment the last run created, or null when none was created. */
    public FakeEnvironment last() {
        return last.get();
    }
}
