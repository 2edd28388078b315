package io.faultline.runner;

import io.faultline.env.Environment;
import io.faultline.fault.Nemesis;
import io.faultline.preflight.Need;
import io.faultline.preflight.Tool;
import java.util.List;
import java.util.Optional;

/**
 * One kind of place where nodes live (host namespaces and loopback, Docker containers; next, SSH
 * hosts), found through {@link java.util.ServiceLoader} so that every entry point — run, campaign,
 * compare, the JUnit extension — asks the same {@link EnvironmentRegistry} and the core depends on
 * none of them.
 */
public interface EnvironmentProvider {
    /** The {@code --env} values this provider answers, e.g. ["auto", "local", "loopback"]. */
    List<String> kinds();

    Environment create(EnvironmentRequest request) throws Exception;

    /**
     * What this machine needs for a run of {@code kind} with these nemeses and a store that needs
     * {@code storeTools} on a host, checked (and installed where possible) before any node starts.
     */
    List<Need> needs(String kind, String store, List<Nemesis> nemeses, List<Tool> storeTools);

    /** Why {@code kind} cannot run {@code store} here (no engine, no image), or empty when it can. */
    default Optional<String> whyUnavailable(String kind, String store) {
        return Optional.empty();
    }

    /** The heading of this provider's section in {@code faultline doctor}, e.g. "docker (--env docker)". */
    String title();

    /** {@code faultline doctor}: each prerequisite of these environments, tried, with its fix. */
    List<io.faultline.preflight.Check> doctor();

    /**
     * {@code faultline cleanup}: removes what runs of these kinds left behind (or, with
     * {@code dryRun}, says what it would remove), one line each; {@code all} also takes runs whose
     * harness is still alive. Throws with the reason when something could not be removed.
     */
    List<String> removeLeftovers(boolean all, boolean dryRun);

    /**
     * The same, for environments that must be told where to look ({@code --env ssh --hosts ...}):
     * {@code settings} are the environment's {@code env.X} settings; others ignore them.
     */
    default List<String> removeLeftovers(boolean all, boolean dryRun, java.util.Map<String, String> settings) {
        return removeLeftovers(all, dryRun);
    }
}
