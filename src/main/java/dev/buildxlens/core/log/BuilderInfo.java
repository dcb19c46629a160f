package dev.buildxlens.core.log;

import java.util.List;
import java.util.Map;

/**
 * The builder as far as the log shows it: name and driver (null when not shown), driver options, and the lines that
 * showed them (the evidence). Only what is printed counts; nothing is filled in from defaults.
 */
public record BuilderInfo(String name, String driver, Map<String, String> driverOpts, List<LogLine> evidence) {

    public static final BuilderInfo UNKNOWN = new BuilderInfo(null, null, Map.of(), List.of());

    public BuilderInfo {
        driverOpts = Map.copyOf(driverOpts);
        evidence = List.copyOf(evidence);
    }

    public boolean known() {
        return name != null || driver != null;
    }

    /** True when the log shows the docker driver (BuildKit inside dockerd, which reads the daemon's image store). */
    public boolean dockerDriver() {
        return "docker".equals(driver);
    }

    /** True when the log shows a driver other than docker (its own content store: §4.2). */
    public boolean otherDriver() {
        return driver != null && !"docker".equals(driver);
    }
}
