package io.faultline.env;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@code faultline cleanup} removes: everything recorded in the state files of runs whose
 * harness is gone (node processes, namespaces with the processes and iptables rules inside them,
 * the host link), and whatever carries faultline's names without a live run owning it
 * (namespaces {@code faultline-*}, links {@code flh-*}). Runs whose harness still
 * lives are left alone unless asked.
 */
public final class Leftovers {

    /** What a cleanup did: lines for the user, and whether anything could not be removed. */
    public record Report(List<String> lines, int removed, List<String> failures) {
        public boolean clean() {
            return failures.isEmpty();
        }
    }

    private Leftovers() {
    }

    /**
     * @param includeLive also tear down runs whose harness process is still alive
     * @param dryRun      say what would be removed, remove nothing
     */
    public static Report clean(boolean includeLive, boolean dryRun, Consumer<String> progress) {
        List<String> lines = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Consumer<String> say = s -> {
            lines.add(s);
            progress.accept(s);
        };
        int removed = 0;
        Set<String> ownedByLive = new HashSet<>();
        List<Path> files;
        try {
            files = RunState.all();
        } catch (IOException e) {
            files = List.of();
            failures.add("cannot list state files in " + RunState.directory() + ": " + e.getMessage());
        }
        for (Path file : files) {
            RunState s;
            try {
                s = RunState.load(file);
            } catch (java.nio.file.NoSuchFileException e) {
                continue; // its run finished between listing and reading: nothing left to clean
            } catch (IOException e) {
                failures.add("cannot read " + file + ": " + e.getMessage());
                continue;
            }
            boolean self = s.values(RunState.OWNER).stream()
                    .anyMatch(o -> ProcessIdentity.parse(o).map(id -> id.pid() == ProcessHandle.current().pid()).orElse(false));
            if (s.ownerAlive() && (!includeLive || self)) {
                ownedByLive.addAll(s.values(RunState.NETNS));
                ownedByLive.addAll(s.values(RunState.LINK));
                say.accept("run " + s.runId() + ": harness still running (pid " + s.values(RunState.OWNER).get(0).split(" ")[0]
                        + "), left alone" + (self ? "" : "; --all removes it too"));
                continue;
            }
            removed += cleanRun(s, dryRun, say, failures);
        }
        for (String ns : NamespaceNetwork.listNetns()) {
            if (ns.startsWith(NamespaceNetwork.NETNS_PREFIX) && !ownedByLive.contains(ns)) {
                say.accept((dryRun ? "would remove" : "removing") + " namespace " + ns + " (found by name)");
                if (!dryRun) {
                    if (NamespaceNetwork.removeNetns(ns)) {
                        removed++;
                    } else {
                        failures.add("namespace " + ns);
                    }
                }
            }
        }
        for (String link : NamespaceNetwork.listLinks()) {
            if (NamespaceNetwork.LINK_NAME.matcher(link).matches() && !ownedByLive.contains(link)) {
                say.accept((dryRun ? "would remove" : "removing") + " link " + link + " (found by name)");
                if (!dryRun) {
                    if (NamespaceNetwork.removeLink(link)) {
                        removed++;
                    } else {
                        failures.add("link " + link);
                    }
                }
            }
        }
        return new Report(List.copyOf(lines), removed, List.copyOf(failures));
    }

    private static int cleanRun(RunState s, boolean dryRun, Consumer<String> say, List<String> failures) {
        String verb = dryRun ? "would " : "";
        int removed = 0;
        say.accept("run " + s.runId() + " (" + s.first(RunState.KIND).orElse("?") + ", state file " + s.file() + "):");
        for (String p : s.values(RunState.PROC)) {
            ProcessIdentity id = ProcessIdentity.parse(p).orElse(null);
            if (id == null || !id.isAlive()) {
                continue;
            }
            say.accept("  " + verb + "kill process " + id.pid() + " " + ProcessHandle.of(id.pid())
                    .flatMap(h -> h.info().commandLine()).orElse(""));
            if (!dryRun) {
                ProcessHandle.of(id.pid()).ifPresent(h -> {
                    h.descendants().forEach(ProcessHandle::destroyForcibly);
                    h.destroyForcibly();
                    try {
                        h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        failures.add("process " + id.pid() + " did not die: " + e);
                    }
                });
                removed++;
            }
        }
        for (String ns : s.values(RunState.NETNS)) {
            if (!NamespaceNetwork.netnsExists(ns)) {
                continue;
            }
            say.accept("  " + verb + "kill what runs in namespace " + ns + " and delete it");
            if (!dryRun) {
                if (NamespaceNetwork.removeNetns(ns)) {
                    removed++;
                } else {
                    failures.add("namespace " + ns);
                }
            }
        }
        for (String link : s.values(RunState.LINK)) {
            if (!NamespaceNetwork.linkExists(link)) {
                continue;
            }
            say.accept("  " + verb + "delete link " + link);
            if (!dryRun) {
                if (NamespaceNetwork.removeLink(link)) {
                    removed++;
                } else {
                    failures.add("link " + link);
                }
            }
        }
        if (!dryRun) {
            boolean leftovers = s.values(RunState.NETNS).stream().anyMatch(NamespaceNetwork::netnsExists)
                    || s.values(RunState.LINK).stream().anyMatch(NamespaceNetwork::linkExists);
            if (leftovers) {
                failures.add("run " + s.runId() + " still has resources; state file kept: " + s.file());
            } else {
                s.delete();
                say.accept("  removed state file " + s.file());
            }
        }
        return removed;
    }
}
