package dev.buildxlens.ui.builders;

import dev.buildxlens.core.model.Access;
import dev.buildxlens.core.model.Builder;
import dev.buildxlens.core.model.StoreAccess;
import java.util.stream.Collectors;

/** One line of the builders table, already in words. */
public record BuilderRow(String name, String driver, String status, boolean current, String canRead, String cannotRead) {

    public static BuilderRow of(Builder builder) {
        String cannot = builder.access().stream()
                .filter(a -> a.access() == Access.CANNOT_READ || a.access() == Access.ONLY_WITH_NETWORK_HOST
                        || a.access() == Access.ONLY_WITH_CONFIG)
                .map(BuilderRow::describe)
                .collect(Collectors.joining(", "));
        // A store whose daemon did not answer is neither readable nor unreadable: it is listed with a question mark.
        java.util.List<String> can = new java.util.ArrayList<>(builder.canRead());
        builder.access().stream().filter(a -> a.access() == Access.UNKNOWN).forEach(a -> can.add("? " + a.storeId() + " (daemon not answering)"));
        return new BuilderRow(builder.name(), builder.driver(), builder.status(), builder.current(), String.join(", ", can), cannot);
    }

    private static String describe(StoreAccess access) {
        return switch (access.access()) {
            case ONLY_WITH_NETWORK_HOST -> access.storeId() + " (only with network=host)";
            case ONLY_WITH_CONFIG -> access.storeId() + " (only with registry config)";
            default -> access.storeId();
        };
    }

    public String displayName() {
        return current ? name + "  ★ current" : name;
    }
}
