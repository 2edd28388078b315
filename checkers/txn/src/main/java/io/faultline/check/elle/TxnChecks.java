package io.faultline.check.elle;

import io.faultline.check.OpText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The anomalies one committed list-append transaction shows on its own: a read holding an element
 * twice (duplicate-elements), a read that contradicts the transaction's own earlier read or
 * appends (internal), and a read of an element the transaction appends only later (future-read,
 * Elle's name: a trivial cycle T1 -wr-> T1).
 */
final class TxnChecks {
    private TxnChecks() {
    }

    static void check(Txn t, Findings findings) {
        Map<String, List<Object>> known = new HashMap<>();
        Map<String, List<Object>> own = new HashMap<>();
        Map<String, Set<Object>> readSoFar = new HashMap<>();
        boolean future = false;
        for (MicroOp m : t.mops()) {
            if (m.isAppend()) {
                own.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m.value());
                if (!future && readSoFar.getOrDefault(m.key(), Set.of()).contains(m.value())) {
                    future = true;
                    findings.add("future-read", t.describe("T") + " read " + m.key() + " holding " + m.value()
                            + " before it appended " + m.value() + " itself: it saw its own future write.", t);
                }
                continue;
            }
            List<?> read = m.value() == null ? List.of() : (List<?>) m.value();
            readSoFar.computeIfAbsent(m.key(), k -> new HashSet<>()).addAll(read);
            Set<Object> seen = new HashSet<>();
            for (Object e : read) {
                if (!seen.add(e)) {
                    findings.add("duplicate-elements", t.describe("T") + " read " + m.key() + " = " + OpText.value(read)
                            + ", which holds " + e + " more than once: an append was applied twice.", t);
                    break;
                }
            }
            List<Object> mine = own.getOrDefault(m.key(), List.of());
            List<Object> before = known.get(m.key());
            String problem = null;
            if (before != null) {
                List<Object> expected = new ArrayList<>(before);
                expected.addAll(mine);
                if (!expected.equals(read)) problem = "expected " + OpText.value(expected)
                        + " (its earlier read plus its own appends)";
            } else if (!mine.isEmpty()) {
                if (read.size() < mine.size() || !read.subList(read.size() - mine.size(), read.size()).equals(mine)) {
                    problem = "expected it to end with its own appends " + OpText.value(mine);
                }
            }
            if (problem != null) {
                findings.add("internal", t.describe("T") + " read " + m.key() + " = " + OpText.value(read) + " but "
                        + problem + ": the transaction does not see its own state.", t);
            }
            known.put(m.key(), new ArrayList<>(read));
            own.remove(m.key());
        }
    }

    /**
     * The state of each key a transaction saw from outside, before its own appends: its first
     * read of the key when no append of its own came earlier; otherwise, when its first read of
     * the key follows its own appends, that read minus those appends (if it ends with them; if
     * not, it is internally inconsistent, reported, and orders nothing). Using the second form too
     * matters: a transaction that appends 5 to x and then reads [5] saw x empty, and that is an
     * anti-dependency on whoever appended x's first element.
     */
    static Map<String, List<?>> externalReads(Txn t) {
        Map<String, List<?>> out = new HashMap<>();
        Map<String, List<Object>> own = new HashMap<>();
        Set<String> decided = new HashSet<>();
        for (MicroOp m : t.mops()) {
            if (m.isAppend()) {
                own.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m.value());
                continue;
            }
            if (!decided.add(m.key())) continue;
            List<?> read = m.value() == null ? List.of() : (List<?>) m.value();
            List<Object> mine = own.getOrDefault(m.key(), List.of());
            int cut = read.size() - mine.size();
            if (cut >= 0 && read.subList(cut, read.size()).equals(mine)) out.put(m.key(), read.subList(0, cut));
        }
        return out;
    }
}
