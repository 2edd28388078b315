package io.faultline.stores.etcd;

import io.faultline.stores.StoreListing;

/** Registers etcd with the CLI. */
public final class EtcdProvider extends StoreListing {
    public EtcdProvider() {
        super("etcd", "etcd 3.4 (Debian's etcd-server binary), one member per node, jetcd clients",
                EtcdStore::open);
    }

    /** Debian's etcd on PATH, unless --etcd-bin names a binary (EtcdBinary then checks that file). */
    @Override
    public java.util.List<io.faultline.preflight.Tool> tools(java.util.Map<String, String> settings) {
        String bin = settings.get("etcd-bin");
        return bin == null || bin.isBlank() ? java.util.List.of(new io.faultline.preflight.Tools().etcd()) : java.util.List.of();
    }
}
