package io.faultline.check.elle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.faultline.check.AnomalyFixtures;
import io.faultline.check.CheckResult;
import io.faultline.check.CheckerRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The list-append and rw-register fixture histories ({@code ./faultline check FILE --checker
 * list-append}): each has exactly the anomaly types {@code expected.tsv} lists for it. A row may
 * name the consistency models to check (column 5, as {@code --consistency-models}) and every
 * anomaly type the checker must find, allowed or not (column 6, default: the failing ones of
 * column 4), so that a model's verdict and what it tolerates are both pinned. The checkers come
 * from a registry as the CLI builds it ({@link ElleCheckers#addTo}).
 */
class AnomalyFixturesTest {
    static Path dir() throws Exception {
        return AnomalyFixtures.dir(AnomalyFixturesTest.class);
    }

    static Stream<String[]> fixtures() throws Exception {
        return AnomalyFixtures.rows(dir(), 6);
    }

    @ParameterizedTest(name = "{0} {4}")
    @MethodSource("fixtures")
    void fixtureHasExactlyItsAnomalies(String file, String checker, String verdict, String types, String models,
                                       String found) throws Exception {
        IsolationSpec spec = models.isEmpty() ? IsolationSpec.STRICT_SERIALIZABLE : IsolationSpec.parse(models, null);
        CheckerRegistry registry = ElleCheckers.addTo(new CheckerRegistry(null), spec);
        CheckResult r = AnomalyFixtures.assertExactly(dir(), file, registry.create(checker), verdict, types);
        TreeSet<String> all = ((List<?>) r.details().get("anomaly-types")).stream().map(String::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(found.isEmpty() ? AnomalyFixtures.set(types) : AnomalyFixtures.set(found), all,
                file + ": every anomaly found; " + r.summary());
    }

    @Test
    void everyFixtureHasARowAndEveryRowAFile() throws Exception {
        AnomalyFixtures.assertEveryFixtureHasARowAndEveryRowAFile(dir());
    }
}
