package io.faultline.check;

import io.faultline.history.History;

/** Decides from a history alone whether a store kept one promise. Implementations are pure. */
public interface Checker {
    String name();

    CheckResult check(History history);
}
