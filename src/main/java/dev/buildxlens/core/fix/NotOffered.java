package dev.buildxlens.core.fix;

/** A catalog fix for a finding that is not offered here, and why (it would break a build, or cannot work here). */
public record NotOffered(FixKind kind, String findingKey, String reason) {
}
