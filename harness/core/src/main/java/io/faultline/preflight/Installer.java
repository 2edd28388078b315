package io.faultline.preflight;

/** Installs Debian packages on this machine, when it can. */
public interface Installer {
    /** "" when this installer can install packages here, else why not (not root, not Debian, ...). */
    String whyNot();

    /** Whether the package is installed already (then installing it again would not help). */
    boolean installed(String debianPackage);

    /** Installs the package; throws with apt's own words when that fails. */
    void install(String debianPackage) throws Exception;

    /**
     * The installer on the class path (the env module's apt-get installer), or one that never
     * installs and says why when there is none.
     */
    static Installer standard() {
        return java.util.ServiceLoader.load(Installer.class).findFirst()
                .orElseGet(() -> none("no package installer on the class path"));
    }

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
