package io.faultline.campaign;

/** What a campaign run must produce to pass: a valid history, or an anomaly (a fault mode detected). */
public enum Expectation {
    VALID, ANOMALY;

    public static Expectation parse(String s, String where) throws CampaignException {
        return switch (s == null ? "valid" : s.trim()) {
            case "valid", "pass" -> VALID;
            case "anomaly", "invalid", "detect" -> ANOMALY;
            default -> throw new CampaignException(where + ": expected 'valid' or 'anomaly', found '" + s + "'");
        };
    }

    public String wireName() {
        return this == VALID ? "valid" : "anomaly";
    }
}
