package io.faultline.check.lock;

import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.Operation;
import io.faultline.linear.LinearizabilityChecker;
import java.util.ArrayList;
import java.util.List;

/**
 * The linearizability checker, run on the resource's reads and writes only: a lock history also
 * holds acquire and release ops, which are not register ops. Reported as "linearizable", like the
 * checker it delegates to. A write's value is the section's read plus one, chosen by the client
 * after the invocation was recorded, so the client records it on the completion; this view puts it
 * on the invocation too, where the register model reads a write's value.
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
        List<Operation> ops = new ArrayList<>();
        for (Operation o : history.operations()) {
            if (!resourceKey.equals(o.key())) continue;
            Op inv = o.invocation();
            if (o.f().equals("write") && inv.value() == null && o.completion() != null && o.completion().value() != null) {
                inv = new Op(inv.index(), inv.time(), inv.process(), inv.type(), inv.f(), inv.key(), o.completion().value(),
                        inv.node(), inv.error(), inv.revision());
            }
            ops.add(new Operation(ops.size(), inv, o.completion()));
        }
        return LinearizabilityChecker.toCheckResult(linear.analyze(ops));
    }
}
