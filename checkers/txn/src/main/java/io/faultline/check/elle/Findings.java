package io.faultline.check.elle;

import io.faultline.check.Anomaly;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Anomalies by type: every one counted, the first few per type explained. */
final class Findings {
    private final int examplesPerType;
    final Map<String, Long> counts = new LinkedHashMap<>();
    final Map<String, List<Anomaly>> examples = new LinkedHashMap<>();

    Findings(int examplesPerType) {
        this.examplesPerType = examplesPerType;
    }

    void add(String type, String text, Txn... txns) {
        List<Long> idx = new ArrayList<>(txns.length);
        for (Txn t : txns) idx.add(t.op().invokeIndex());
        add(new Anomaly(type, text, idx));
    }

    void add(Anomaly a) {
        counts.merge(a.type(), 1L, Long::sum);
        List<Anomaly> l = examples.computeIfAbsent(a.type(), t -> new ArrayList<>());
        if (l.size() < examplesPerType) l.add(a);
    }

    List<Anomaly> all() {
        List<Anomaly> out = new ArrayList<>();
        examples.values().forEach(out::addAll);
        return out;
    }
}
