package io.faultline.check.elle;

import static io.faultline.check.H.h;
import static io.faultline.check.H.l;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.H;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cycle search on hand-built dependency graphs. */
class CycleAnomaliesTest {
    private static final int N = 40;

    /** N transactions (their content is irrelevant here) and a graph over them. */
    private static Txn[] txns() {
        H h = h();
        for (int i = 0; i < N; i++) h.op(i, "txn", null, l(l("append", "k" + i, 1L)), l(l("append", "k" + i, 1L)));
        return Txn.parseAll(h.build(), "test", "append", new ArrayList<>());
    }

    private static TxnGraph ringWithOneGSingle(Txn[] byId) {
        TxnGraph g = new TxnGraph();
        for (Txn t : byId) g.vertex(t);
        for (int i = 0; i < N; i++) g.edge(byId[i], byId[(i + 1) % N], Rel.RW, "k", i, null);
        g.edge(byId[39], byId[38], Rel.WW, "k", 39, 38);
        return g;
    }

    /**
     * A ring of N anti-dependencies (a G2-item that snapshot isolation allows) and, far from where
     * the search starts, one G-single-item (38 -rw-> 39 -ww-> 38) that it forbids. A search that
     * only sampled a few starting edges per type would miss the G-single and pass the history.
     */
    @Test
    void aForbiddenCycleAmongManyAllowedOnesIsFound() {
        Txn[] byId = txns();
        TxnGraph g = ringWithOneGSingle(byId);
        Set<String> si = ConsistencyModels.forbiddenBy(List.of("snapshot-isolation"));
        Findings f = new Findings(8);
        CycleAnomalies c = new CycleAnomalies(g.graph, byId, false, false, 1_000_000, si);
        c.search(f);
        assertTrue(f.counts.containsKey("G-single-item"), f.counts.toString());
        assertTrue(f.counts.containsKey("G2-item"), f.counts.toString());
        assertEquals(0, c.exhausted());
    }

    /** Out of budget before anything forbidden was found: exhausted (unknown), not valid. */
    @Test
    void runningOutOfBudgetIsExhaustedNotClean() {
        Txn[] byId = txns();
        TxnGraph g = ringWithOneGSingle(byId);
        Set<String> si = ConsistencyModels.forbiddenBy(List.of("snapshot-isolation"));
        CycleAnomalies c = new CycleAnomalies(g.graph, byId, false, false, 50, si);
        Findings f = new Findings(8);
        c.search(f);
        assertEquals(1, c.exhausted(), f.counts.toString());
    }
}
