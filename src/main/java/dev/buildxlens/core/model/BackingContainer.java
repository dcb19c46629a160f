package dev.buildxlens.core.model;

/**
 * The container a docker-container node runs in. {@code state} is {@code running}, {@code stopped},
 * {@code missing} (never booted, or removed), or {@code unknown} (it lives on a daemon that was not probed).
 */
public record BackingContainer(String name, String state, String networkMode, boolean stateVolumePresent) {
}
