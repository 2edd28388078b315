package io.faultline.check.lock;

import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.history.History;
import io.faultline.history.Operation;
import io.faultline.linear.LinearizabilityChecker;
import java.util.List;

/**
 * The linearizability checker, run on the resource's reads and writes only: a lock history also
 * holds acquire and release ops, which are not register ops. Reported as "linearizable", like the
 * checker it delegates to.
 */
public final class ResourceLinearizability implements Checker {
    private final LinearizabilityChecker linear;
    private final String resourceKey;

    public ResourceLinearizability(LinearizabilityChecker linear, String resourceKey) {
        this.linear = linear;
        this.resourceKey = resourceKey;
    }

    @Override
    public String name() {
        return linear.name();
    }

    @Override
    public CheckResult check(History history) {
        List<Operation> ops = history.operations().stream().filter(o -> resourceKey.equals(o.key())).toList();
        return LinearizabilityChecker.toCheckResult(linear.analyze(ops));
    }
}
