package io.faultline.history;

import java.util.Locale;

/** The history formats faultline reads, by their {@code --format} names. */
public enum HistoryFormat {
    JSONL("jsonl"),
    JEPSEN_EDN("jepsen-edn"),
    PORCUPINE_ETCD("porcupine-etcd"),
    PORCUPINE_KV("porcupine-kv");

    private final String cliName;

    HistoryFormat(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** The format with this {@code --format} name, or null. */
    public static HistoryFormat byName(String name) {
        for (HistoryFormat f : values()) if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) return f;
        return null;
    }

    /** The model this format implies, or null when the history must say (Porcupine's logs are one model each). */
    public String impliedModel() {
        return switch (this) {
            case PORCUPINE_ETCD -> "cas-register";
            case PORCUPINE_KV -> "kv";
            default -> null;
        };
    }
}
