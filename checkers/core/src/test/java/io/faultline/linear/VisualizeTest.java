package io.faultline.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.linear.model.RegisterModel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counterexample page as the library gives it: self-contained, the failing op marked and brought into view. */
class VisualizeTest {
    @Test
    void aStaleReadIsDrawnWithThePrefixNumberedAndTheBlockedOpInView() {
        // write 1 completes, then write 2 completes, then a read returns 1: stale.
        History h = History.of(List.of(
                Op.invoke(0, 0, "write", 1L), Op.ok(1, 0, "write", 1L),
                Op.invoke(2, 0, "write", 2L), Op.ok(3, 0, "write", 2L),
                Op.invoke(4, 1, "read", null), Op.ok(5, 1, "read", 1L)));
        LinearizabilityResult r = new LinearizabilityChecker(RegisterModel.casRegister(), null, Duration.ofSeconds(10), 1)
                .analyze(h.operations());
        assertEquals(Verdict.INVALID, r.verdict());
        String page = Visualize.page("stale.jsonl", h, r);
        assertTrue(page.contains("<h1>stale.jsonl</h1>"));
        assertTrue(page.contains("class='lin'") && page.contains("<text x="), "the linearizable prefix is drawn");
        assertTrue(page.contains("1. ") && page.contains("2. "), "the prefix is numbered in linearization order");
        assertTrue(page.contains("(state absent -&gt; 1)") && page.contains("(state 1 -&gt; 2)"),
                "hovering a prefix op shows the model's state before and after it");
        assertEquals(1, page.split("id='first-blocked'", -1).length - 1, "exactly one op is marked to bring into view");
        assertTrue(page.contains("scrollIntoView"), "the page opens on the failing op");
        assertFalse(page.contains("http://") || page.contains("https://") || page.contains("<script src"),
                "nothing is loaded from elsewhere");
    }
}
