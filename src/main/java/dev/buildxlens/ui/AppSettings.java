package dev.buildxlens.ui;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** What the app remembers between runs: theme, zoom, window bounds, last tab (java.util.prefs, per user). */
public final class AppSettings {

    private final Preferences preferences;

    private AppSettings(Preferences preferences) {
        this.preferences = preferences;
    }

    public static AppSettings forUser() {
        return new AppSettings(Preferences.userRoot().node("dev/buildxlens"));
    }

    public boolean dark() {
        return preferences.getBoolean("dark", false);
    }

    public void dark(boolean value) {
        preferences.putBoolean("dark", value);
    }

    public double zoom() {
        return preferences.getDouble("zoom", 1.0);
    }

    public void zoom(double value) {
        preferences.putDouble("zoom", value);
    }

    public String lastTab() {
        return preferences.get("lastTab", "tab-store-map");
    }

    public void lastTab(String value) {
        preferences.put("lastTab", value);
    }

    public double[] bounds() {
        return new double[] {preferences.getDouble("x", Double.NaN), preferences.getDouble("y", Double.NaN),
                preferences.getDouble("width", 1280), preferences.getDouble("height", 820)};
    }

    public void bounds(double x, double y, double width, double height) {
        preferences.putDouble("x", x);
        preferences.putDouble("y", y);
        preferences.putDouble("width", width);
        preferences.putDouble("height", height);
    }

    /** Files opened in the Diagnose tab, newest first. */
    public java.util.List<String> recentFiles() {
        String value = preferences.get("recentFiles", "");
        return value.isEmpty() ? java.util.List.of() : java.util.List.of(value.split("\n"));
    }

    public void recentFiles(java.util.List<String> files) {
        preferences.put("recentFiles", String.join("\n", files));
    }

    public void flush() {
        try {
            preferences.flush();
        } catch (BackingStoreException e) {
            // Settings are a convenience: losing them must not stop the app.
        }
    }
}
