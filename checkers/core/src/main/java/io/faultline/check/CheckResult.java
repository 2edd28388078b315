package io.faultline.check;

import java.util.List;
import java.util.Map;

/**
 * What one checker decided about one history.
 *
 * @param checker   the checker's name, e.g. "linearizable", "set"
 * @param verdict   valid, invalid or unknown
 * @param summary   one line for the terminal
 * @param anomalies every anomaly found (empty when valid)
 * @param details   JSON-shaped extra facts for results.json (counts, orders used, ...)
 */
public record CheckResult(String checker, Verdict verdict, String summary, List<Anomaly> anomalies,
                          Map<String, Object> details) {
    public CheckResult {
        anomalies = List.copyOf(anomalies);
        details = Map.copyOf(details);
    }
}
