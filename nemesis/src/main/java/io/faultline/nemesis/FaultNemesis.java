package io.faultline.nemesis;

import io.faultline.db.DbCapability;
import io.faultline.env.Capability;
import io.faultline.env.Environment;
import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisContext;
import io.faultline.history.Op;
import java.util.Map;
import java.util.Set;

/**
 * The skeleton every fault shares (Jepsen's nemesis as a start and a stop): routing start-X and
 * stop-X, the value that names the fault and its action, refusing any other f and any environment that lacks a capability it requires, turning an
 * exception into a failed op with its reason, and healing that never throws. A fault says only
 * how it starts, stops, heals and checks that the heal took; each start and stop verifies its own
 * effect and records it through {@link Outcome}.
 */
abstract class FaultNemesis implements Nemesis {
    private final String name;
    private final Set<Capability> requires;
    private final Set<DbCapability> storeRequires;
    private final String startAction;
    private final String stopAction;

    /**
     * @param startAction what a start does, recorded as the value's "action" ("kill", "pause", ...)
     * @param stopAction  what a stop does ("restart", "resume", ...)
     */
    FaultNemesis(String name, Set<Capability> requires, String startAction, String stopAction) {
        this(name, requires, Set.of(), startAction, stopAction);
    }

    /** @param storeRequires what the store's Db must be able to do for this fault */
    FaultNemesis(String name, Set<Capability> requires, Set<DbCapability> storeRequires, String startAction, String stopAction) {
        this.name = name;
        this.requires = Set.copyOf(requires);
        this.storeRequires = Set.copyOf(storeRequires);
        this.startAction = startAction;
        this.stopAction = stopAction;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<Capability> requires() {
        return requires;
    }

    @Override
    public final Set<DbCapability> storeRequires() {
        return storeRequires;
    }

    @Override
    public final Op invoke(NemesisContext context, Op invocation) {
        boolean start = invocation.f().equals(startF());
        Map<String, Object> value = Outcome.value(name, start ? startAction : stopAction);
        if (!start && !invocation.f().equals(stopF())) {
            return Outcome.failed(context, invocation, value, name + " nemesis cannot do '" + invocation.f() + "'");
        }
        Environment env = context.environment();
        for (Capability c : requires) {
            if (!env.capabilities().contains(c)) {
                return Outcome.failed(context, invocation, value, name + " needs " + c + ", which the " + env.name()
                        + " environment cannot do: " + env.whyMissing(c));
            }
        }
        try {
            synchronized (this) {
                return start ? start(context, invocation, value) : stop(context, invocation, value);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return Outcome.failed(context, invocation, value, Outcome.describe(e));
        }
    }

    @Override
    public final void healAll(NemesisContext context) {
        try {
            synchronized (this) {
                heal(context);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            context.log().accept("nemesis: healing " + name + " failed: " + Outcome.describe(e));
        }
    }

    /** Applies the fault, verifies it took effect, and returns the completion (through {@link Outcome}). */
    abstract Op start(NemesisContext context, Op invocation, Map<String, Object> value) throws Exception;

    /** Removes the fault, verifies it is gone, and returns the completion. */
    abstract Op stop(NemesisContext context, Op invocation, Map<String, Object> value) throws Exception;

    /** Removes everything this fault may have done, for the final phase and cleanup. */
    abstract void heal(NemesisContext context) throws Exception;
}
