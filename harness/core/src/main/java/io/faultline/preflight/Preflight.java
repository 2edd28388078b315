package io.faultline.preflight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Checks, before any node starts, every tool the run's environment, store and nemeses need. A
 * missing Debian package is installed when the {@link Installer} can (one line each: "installing
 * iptables (needed by --nemesis partition)"); anything still missing stops the run with the exact
 * command that fixes it. A run never starts knowing that a fault it was asked for cannot happen.
 */
public final class Preflight {
    private final Installer installer;
    private final Consumer<String> log;

    public Preflight(Installer installer, Consumer<String> log) {
        this.installer = installer;
        this.log = log;
    }

    /** Throws {@link PreflightException} naming each unmet need and its fix. */
    public void ensure(List<Need> needs) throws PreflightException {
        Map<String, List<Need>> byTool = new LinkedHashMap<>();
        for (Need n : needs) byTool.computeIfAbsent(n.tool().name(), k -> new ArrayList<>()).add(n);
        List<String> unmet = new ArrayList<>();
        for (List<Need> same : byTool.values()) {
            Tool tool = same.getFirst().tool();
            String why = String.join(", ", same.stream().map(Need::neededBy).distinct().toList());
            String problem = tool.problem().get();
            if (problem.isEmpty()) continue;
            String pkg = tool.debianPackage();
            if (!pkg.isEmpty() && !installer.installed(pkg)) {
                String cannot = installer.whyNot();
                if (cannot.isEmpty()) {
                    log.accept("installing " + pkg + " (needed by " + why + ")");
                    try {
                        installer.install(pkg);
                        problem = tool.problem().get();
                        if (problem.isEmpty()) continue;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new PreflightException("interrupted while installing " + pkg);
                    } catch (Exception e) {
                        problem = e.getMessage();
                    }
                } else {
                    problem += " (cannot install it here: " + cannot + ")";
                }
            }
            String fix = tool.installCommand();
            unmet.add(tool.name() + " (needed by " + why + "): " + problem + (fix.isEmpty() ? "" : "; fix: " + fix));
        }
        if (!unmet.isEmpty()) {
            throw new PreflightException("missing prerequisites:\n  " + String.join("\n  ", unmet));
        }
    }
}
