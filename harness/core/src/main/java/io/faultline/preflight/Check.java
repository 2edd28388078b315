package io.faultline.preflight;

/**
 * One line of {@code faultline doctor}: a prerequisite, whether it is there, and how to get it.
 *
 * @param required whether {@code faultline run}'s default needs it (else only some options do)
 * @param fix      the exact command that installs or enables it, or "" when nothing helps
 */
public record Check(String name, Status status, String detail, String fix, boolean required) {
    public enum Status { OK, MISSING, UNAVAILABLE }
}
