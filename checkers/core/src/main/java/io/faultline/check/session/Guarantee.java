package io.faultline.check.session;

/** The four session guarantees of Terry et al. (1994), with their CLI names. */
public enum Guarantee {
    MONOTONIC_READS("monotonic-reads"),
    READ_YOUR_WRITES("read-your-writes"),
    MONOTONIC_WRITES("monotonic-writes"),
    WRITES_FOLLOW_READS("writes-follow-reads");

    private final String cliName;

    Guarantee(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }
}
