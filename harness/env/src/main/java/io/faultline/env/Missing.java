package io.faultline.env;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The faults an environment (or the network under it) cannot do, each with the reason a nemesis
 * prints when it refuses; every other {@link Capability} is available. A fault the run did not ask
 * for is missing too, but is no news in the environment's description.
 */
public record Missing(Map<Capability, String> reasons, Set<Capability> notAsked) {
    /** The reason every environment gives for clock faults a run did not ask for. */
    public static final String CLOCK_NOT_ASKED = "clock faults were not asked for when the environment was created";
    /** Every fault available. */
    public static final Missing NONE = new Missing(Map.of(), Set.of());

    public Missing {
        reasons = Collections.unmodifiableMap(reasons.isEmpty() ? new EnumMap<>(Capability.class) : new EnumMap<>(reasons));
        notAsked = notAsked.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(notAsked));
    }

    /** This, and {@code capability} cannot be had, for {@code reason}. */
    public Missing without(Capability capability, String reason) {
        Map<Capability, String> r = new EnumMap<>(Capability.class);
        r.putAll(reasons);
        r.put(capability, reason);
        return new Missing(r, notAsked);
    }

    /** This, and {@code capability} is missing because the run did not ask for it ({@code reason} says so). */
    public Missing notAsked(Capability capability, String reason) {
        Set<Capability> n = EnumSet.of(capability);
        n.addAll(notAsked);
        return new Missing(without(capability, reason).reasons(), n);
    }

    /** The faults that can be had. */
    public Set<Capability> available() {
        Set<Capability> caps = EnumSet.allOf(Capability.class);
        caps.removeAll(reasons.keySet());
        return caps;
    }

    /** Why {@code capability} is missing; "" when it is available. */
    public String why(Capability capability) {
        return reasons.getOrDefault(capability, "");
    }

    /**
     * "; unavailable: partition, packet loss (reason)" for every fault that is missing though the run
     * may have wanted it, those missing for the same reason named together so the line stays readable.
     */
    public String describe() {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        reasons.forEach((c, reason) -> {
            if (!notAsked.contains(c)) {
                byReason.computeIfAbsent(reason, x -> new ArrayList<>()).add(c.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        });
        StringBuilder sb = new StringBuilder();
        byReason.forEach((reason, caps) -> sb.append("; unavailable: ").append(String.join(", ", caps))
                .append(" (").append(reason).append(')'));
        return sb.toString();
    }
}
