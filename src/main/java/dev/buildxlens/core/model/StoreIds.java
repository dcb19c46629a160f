package dev.buildxlens.core.model;

/** The one place that spells store ids, so every layer agrees on them. */
public final class StoreIds {

    private StoreIds() {
    }

    public static String daemon(String context) {
        return "daemon:" + context;
    }

    public static String buildkit(String builder) {
        return "buildkit:" + builder;
    }

    public static String registry(String hostAndPort) {
        return "registry:" + hostAndPort;
    }
}
