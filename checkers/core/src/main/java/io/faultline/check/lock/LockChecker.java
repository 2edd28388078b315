package io.faultline.check.lock;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.check.OpText;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mutual exclusion as an application sees it: every process acquires a lock ({@code acquire},
 * key = the lock's name, ok value = fencing token or null), then runs a critical section on a shared
 * resource that the lock alone protects ({@code read}, then {@code write} of the value read plus
 * one, key = the resource), then {@code release}s. The critical sections (from the invocation of
 * the first resource op to the completion of the last) of two processes must not overlap in real
 * time. An overlap counts only when both sections wrote: a write the resource refused because its
 * fencing token was older than one it had seen (a {@code fail} whose error starts with
 * {@value #FENCED}) changed nothing, which is exactly what fencing is for, so such overlaps are
 * counted in the details and not as anomalies. Each anomaly is explained as the increment it lost.
 * The resource's own linearizability is {@link ResourceLinearizability}'s part.
 */
public final class LockChecker implements Checker {
    /** The error prefix with which a fenced resource refuses a write. */
    public static final String FENCED = "fenced";
    private static final int EXAMPLES = 20;

    private final String lockKey;
    private final String resourceKey;

    /**
     * @param lockKey     key of the acquire/release ops
     * @param resourceKey key of the read/write ops on the shared resource
     */
    public LockChecker(String lockKey, String resourceKey) {
        this.lockKey = Objects.requireNonNull(lockKey);
        this.resourceKey = Objects.requireNonNull(resourceKey);
    }

    @Override
    public String name() {
        return "lock";
    }

    @Override
    public CheckResult check(History history) {
        List<CriticalSection> sections = sections(history);
        List<CriticalSection> touching = new ArrayList<>(sections.stream().filter(s -> s.first() != null).toList());
        touching.sort(Comparator.comparingLong(CriticalSection::enter));
        List<Operation> writesByCompletion = new ArrayList<>(sections.stream().filter(CriticalSection::wrote)
                .map(CriticalSection::write).toList());
        writesByCompletion.sort(Comparator.comparingLong(Operation::completeTime));
        List<Anomaly> anomalies = new ArrayList<>();
        long overlaps = 0;
        long harmless = 0;
        List<CriticalSection> active = new ArrayList<>();
        for (CriticalSection s : touching) {
            active.removeIf(a -> a.leave() <= s.enter());
            for (CriticalSection a : active) {
                if (a.process() == s.process()) continue;
                if (!(a.wrote() && s.wrote())) {
                    harmless++;
                    continue;
                }
                overlaps++;
                if (anomalies.size() < EXAMPLES) anomalies.add(explain(a, s, writesByCompletion));
            }
            active.add(s);
        }
        long writes = sections.stream().filter(CriticalSection::wrote).count();
        long fenced = sections.stream().filter(CriticalSection::fenced).count();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sections", sections.size());
        d.put("acknowledged-increments", writes);
        d.put("fenced-writes", fenced);
        d.put("overlap-count", overlaps);
        d.put("overlaps-without-two-writes", harmless);
        Long last = lastWritten(sections);
        if (last != null) d.put("last-written-value", last);
        String summary = overlaps > 0
                ? overlaps + " overlapping critical section pair(s) with both writes acknowledged, among " + sections.size()
                + " sections (" + writes + " increments acknowledged" + (last == null ? "" : ", last value written " + last) + ")"
                : "no two critical sections with acknowledged writes overlapped across " + sections.size() + " sections ("
                + writes + " increments" + (fenced > 0 ? ", " + fenced + " stale writes refused by fencing" : "") + ")";
        return new CheckResult(name(), overlaps > 0 ? Verdict.INVALID : Verdict.VALID, summary, anomalies, d);
    }

    private List<CriticalSection> sections(History history) {
        record Open(Operation acquire, Long token, Operation read, Operation write) {
        }
        Map<Integer, Open> open = new HashMap<>();
        List<CriticalSection> out = new ArrayList<>();
        for (Operation op : history.operations()) {
            int p = op.process();
            String key = op.key();
            if (lockKey.equals(key)) {
                switch (op.f()) {
                    case "acquire" -> {
                        Open o = open.remove(p);
                        if (o != null) out.add(new CriticalSection(o.acquire(), o.token(), o.read(), o.write(), null));
                        if (op.isOk()) open.put(p, new Open(op, token(op, history), null, null));
                    }
                    case "release" -> {
                        Open o = open.remove(p);
                        if (o != null) out.add(new CriticalSection(o.acquire(), o.token(), o.read(), o.write(), op));
                    }
                    default -> throw unsuitable(history, op);
                }
            } else if (resourceKey.equals(key)) {
                Open o = open.get(p);
                if (o == null) {
                    if (op.isFail()) continue; // refused without the lock: the resource was not touched
                    throw UnsuitableHistoryException.at(name(), history, op, "process " + p + " used the resource \""
                            + resourceKey + "\" without holding the lock; a lock history touches it only between an"
                            + " acknowledged acquire and the release");
                }
                switch (op.f()) {
                    case "read" -> open.put(p, new Open(o.acquire(), o.token(), op, o.write()));
                    case "write" -> open.put(p, new Open(o.acquire(), o.token(), o.read(), op));
                    default -> throw unsuitable(history, op);
                }
            } else {
                throw unsuitable(history, op);
            }
        }
        for (Open o : open.values()) out.add(new CriticalSection(o.acquire(), o.token(), o.read(), o.write(), null));
        out.sort(Comparator.comparingLong(s -> s.acquire().invokeIndex()));
        return out;
    }

    private UnsuitableHistoryException unsuitable(History history, Operation op) {
        return UnsuitableHistoryException.at(name(), history, op, "operation f=\"" + op.f() + "\" key=" + OpText.value(op.key())
                + "; a lock history has acquire/release on key \"" + lockKey + "\" and read/write on key \"" + resourceKey + "\"");
    }

    private Long token(Operation acq, History history) {
        Object v = acq.completion().value();
        if (v instanceof Map<?, ?> m) v = m.get("token");
        if (v == null || v instanceof Long) return (Long) v;
        if (v instanceof Number n) return n.longValue();
        throw UnsuitableHistoryException.at(name(), history, acq, "acquire returned " + OpText.value(v)
                + "; expected a fencing token (integer), {\"token\": t}, or null");
    }

    /** a entered first; s entered while a was still in its critical section; both writes were acknowledged. */
    private static Anomaly explain(CriticalSection a, CriticalSection s, List<Operation> writes) {
        StringBuilder sb = new StringBuilder();
        sb.append('p').append(s.process()).append(" entered its critical section at ").append(seconds(s.enter()))
                .append(" while p").append(a.process()).append(" held the lock until ").append(seconds(a.leave()))
                .append(" (p").append(a.process()).append(" acquired at ").append(seconds(a.acquire().completeTime()))
                .append(token(a)).append(", p").append(s.process()).append(" at ").append(seconds(s.acquire().completeTime()))
                .append(token(s)).append("). ");
        Object va = a.write().value();
        Object vs = s.write().value();
        // The write that completed first is the one the other overwrote.
        CriticalSection first = a.write().completeTime() <= s.write().completeTime() ? a : s;
        CriticalSection second = first == a ? s : a;
        boolean lost = a.hasRead() && s.hasRead() && Objects.equals(a.readValue(), s.readValue());
        if (lost) {
            sb.append("Both read ").append(OpText.value(a.readValue())).append(" and wrote ").append(OpText.value(va)).append(", so ");
            Long late = second.write().value() instanceof Number n ? n.longValue() : null;
            Long before = late == null ? null : valueBefore(second.write(), writes);
            if (before != null && before > late) {
                sb.append("at least one increment was lost: p").append(second.process()).append("'s write of ").append(late)
                        .append(" came last, at ").append(seconds(second.write().completeTime()))
                        .append(", and set the resource back from ").append(before).append(" to ").append(late).append('.');
            } else {
                sb.append("p").append(first.process()).append("'s write of ").append(OpText.value(first.write().value()))
                        .append(" was lost: p").append(second.process()).append(" overwrote it with the same value, and two")
                        .append(" increments raised the resource by one.");
            }
        } else {
            sb.append("p").append(a.process()).append(" read ").append(OpText.value(a.readValue())).append(" and wrote ")
                    .append(OpText.value(va)).append("; p").append(s.process()).append(" read ").append(OpText.value(s.readValue()))
                    .append(" and wrote ").append(OpText.value(vs)).append("; both changed the resource while the other held the lock,")
                    .append(" so mutual exclusion was broken.");
        }
        List<Long> idx = new ArrayList<>();
        for (CriticalSection c : List.of(a, s)) {
            idx.add(c.acquire().invokeIndex());
            if (c.read() != null) idx.add(c.read().invokeIndex());
            idx.add(c.write().invokeIndex());
        }
        return new Anomaly(lost ? "lost-increment" : "mutual-exclusion", sb.toString(), idx);
    }

    /** The value of the last acknowledged write that completed before {@code w} was invoked, or null. */
    private static Long valueBefore(Operation w, List<Operation> writesByCompletion) {
        Long v = null;
        for (Operation x : writesByCompletion) {
            if (x.completeTime() >= w.invokeTime()) break;
            if (x != w && x.value() instanceof Number n) v = n.longValue();
        }
        return v;
    }

    private static String token(CriticalSection c) {
        return c.token() == null ? "" : " with token " + c.token();
    }

    /** Seconds since the test started, two decimals: how a person reads a timeline. */
    private static String seconds(long nanos) {
        if (nanos == Long.MAX_VALUE) return "its end (its write never completed)";
        return String.format(java.util.Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static Long lastWritten(List<CriticalSection> sections) {
        Operation last = null;
        for (CriticalSection s : sections) {
            if (s.wrote() && (last == null || s.write().completeTime() > last.completeTime())) last = s.write();
        }
        return last != null && last.value() instanceof Number n ? n.longValue() : null;
    }
}
