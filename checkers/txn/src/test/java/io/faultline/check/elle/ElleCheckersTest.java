package io.faultline.check.elle;

import static io.faultline.check.H.h;
import static io.faultline.check.H.l;
import static io.faultline.check.elle.ListAppendCheckerTest.a;
import static io.faultline.check.elle.ListAppendCheckerTest.r;
import static io.faultline.check.elle.ListAppendCheckerTest.t;
import static io.faultline.check.elle.ListAppendCheckerTest.txn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.check.CheckerRegistry;
import io.faultline.check.H;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElleCheckersTest {
    /** The CLI's registry: every name it lists makes the checker of that name, in the order it lists them. */
    @Test
    void addsListAppendAndRwRegisterAfterTheCoreNames() {
        CheckerRegistry reg = ElleCheckers.addTo(new CheckerRegistry(null), IsolationSpec.STRICT_SERIALIZABLE);
        List<String> all = new ArrayList<>(CheckerRegistry.NAMES.subList(1, CheckerRegistry.NAMES.size()));
        all.addAll(ElleCheckers.NAMES);
        assertEquals(all, reg.names());
        for (String n : all) assertEquals(n, reg.create(n).name());
    }

    /** Write skew: G2-item, which strict serializability forbids and snapshot isolation allows. */
    @Test
    void theSpecGivenDecidesTheVerdict() {
        H h = h().invoke(0, "txn", null, txn(r("x", null), a("y", 1)))
                .invoke(1, "txn", null, txn(r("y", null), a("x", 2)))
                .ok(0, txn(r("x", l()), a("y", 1))).ok(1, txn(r("y", l()), a("x", 2)));
        History skew = t(h, 2, txn(r("x", l(2L)), r("y", l(1L)))).build();
        CheckerRegistry strict = ElleCheckers.addTo(new CheckerRegistry(null), IsolationSpec.STRICT_SERIALIZABLE);
        CheckerRegistry si = ElleCheckers.addTo(new CheckerRegistry(null), IsolationSpec.parse("snapshot-isolation", null));
        assertEquals(Verdict.INVALID, strict.create("list-append").check(skew).verdict());
        assertEquals(Verdict.VALID, si.create("list-append").check(skew).verdict());
    }
}
