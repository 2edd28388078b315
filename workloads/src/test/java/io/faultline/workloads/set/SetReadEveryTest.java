package io.faultline.workloads.set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.generator.GenOp;
import io.faultline.generator.Generators;
import io.faultline.generator.Simulator;
import io.faultline.history.OpType;
import io.faultline.workload.WorkloadOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SetReadEveryTest {
    private static List<GenOp> ops(Map<String, String> settings) {
        SetWorkload w = new SetWorkload(new WorkloadOptions(1, 2, 3, settings));
        return new Simulator(2, op -> 1_000_000L, op -> OpType.OK).run(Generators.clients(w.generator()), 30, Long.MAX_VALUE);
    }

    @Test
    void everyNthOpReadsTheSetAndElementsStayUnique() {
        List<GenOp> ops = ops(Map.of("read-every", "5"));
        assertEquals(30, ops.size());
        for (int i = 0; i < ops.size(); i++) {
            assertEquals(i % 5 == 4 ? "read" : "add", ops.get(i).f(), "op " + i);
        }
        List<Object> added = ops.stream().filter(o -> o.f().equals("add")).map(GenOp::value).toList();
        assertEquals(java.util.stream.LongStream.range(0, 24).boxed().toList(), added, "reads take no element");
        assertTrue(ops(Map.of()).stream().allMatch(o -> o.f().equals("add")), "by default only the final phase reads");
        assertThrows(IllegalArgumentException.class, () -> ops(Map.of("read-every", "1")));
    }
}
