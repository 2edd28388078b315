package io.faultline.preflight;

import java.util.function.Supplier;

/**
 * Something on this machine a run needs: a command, a library, a running engine, an image.
 *
 * @param name          how messages name it ("iptables", "libfaketime", "the etcd binary")
 * @param debianPackage the Debian package that provides it, or "" when no package does
 * @param fix           the exact command that repairs it when installing the package is not the
 *                      answer (start an engine, build images), or ""
 * @param problem       tries it: "" when it is there and works, else what is wrong
 */
public record Tool(String name, String debianPackage, String fix, Supplier<String> problem) {

    /** The command a user runs to get it: the fix, else the package install. */
    public String installCommand() {
        if (!fix.isEmpty()) return fix;
        return debianPackage.isEmpty() ? "" : "apt-get install -y " + debianPackage;
    }
}
