package io.faultline.preflight;

/** Installs Debian packages on this machine, when it can. */
public interface Installer {
    /** "" when this installer can install packages here, else why not (not root, not Debian, ...). */
    String whyNot();

    /** Whether the package is installed already (then installing it again would not help). */
    boolean installed(String debianPackage);

    /** Installs the package; throws with apt's own words when that fails. */
    void install(String debianPackage) throws Exception;

    /** An installer that never installs: for callers that must not change the machine. */
    static Installer none(String why) {
        return new Installer() {
            @Override
            public String whyNot() {
                return why;
            }

            @Override
            public boolean installed(String debianPackage) {
                return false;
            }

            @Override
            public void install(String debianPackage) {
                throw new UnsupportedOperationException(why);
            }
        };
    }
}
