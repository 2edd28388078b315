package io.faultline.check.elle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.history.EdnReader;
import io.faultline.history.History;
import java.io.StringReader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A Jepsen/Elle list-append history in EDN (integer keys, keyword micro-ops) checks as well. */
class JepsenEdnListAppendTest {
    private static final String WRITE_SKEW = """
            {:type :invoke, :f :txn, :value [[:r 1 nil] [:append 2 1]], :process 0, :time 10, :index 0}
            {:type :invoke, :f :txn, :value [[:r 2 nil] [:append 1 2]], :process 1, :time 11, :index 1}
            {:type :ok, :f :txn, :value [[:r 1 []] [:append 2 1]], :process 0, :time 20, :index 2}
            {:type :ok, :f :txn, :value [[:r 2 []] [:append 1 2]], :process 1, :time 21, :index 3}
            {:type :invoke, :f :txn, :value [[:r 1 nil] [:r 2 nil]], :process 0, :time 30, :index 4}
            {:type :ok, :f :txn, :value [[:r 1 [2]] [:r 2 [1]]], :process 0, :time 40, :index 5}
            """;

    @Test
    void ednWriteSkewIsG2Item() throws Exception {
        History h = EdnReader.read(new StringReader(WRITE_SKEW), "history.edn");
        CheckResult r = new ListAppendChecker().check(h);
        Set<String> types = new TreeSet<>();
        for (Anomaly a : r.anomalies()) types.add(a.type());
        assertEquals(Set.of("G2-item"), types, r.summary());
    }
}
