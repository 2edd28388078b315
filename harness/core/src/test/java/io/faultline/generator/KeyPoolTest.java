package io.faultline.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyPoolTest {

    @Test
    void eachSlotsKeyRetiresAfterOpsPerKeyForAFreshOne() {
        KeyPool p = KeyPool.of(2, 3);
        assertEquals(List.of(0, 1), List.of(p.key(0), p.key(1)));
        List<Integer> seen = new ArrayList<>();
        int[] slots = {0, 0, 1, 0, 1, 1, 0, 0, 0, 1};
        for (int s : slots) {
            seen.add(p.key(s));
            p = p.used(s);
        }
        // slot 0: keys 0,0,0 then 2 (retired after 3 ops), 2,2 then 4; slot 1: 1,1,1 then 3.
        assertEquals(List.of(0, 0, 1, 0, 1, 1, 2, 2, 2, 3), seen);
        assertEquals(List.of(4, 3), List.of(p.key(0), p.key(1)));
    }

    @Test
    void usingASlotLeavesTheEarlierPoolUnchanged() {
        KeyPool a = KeyPool.of(1, 1);
        KeyPool b = a.used(0);
        assertEquals(0, a.key(0));
        assertEquals(1, b.key(0));
        assertEquals(2, b.used(0).key(0));
        assertEquals(1, b.key(0));
    }
}
