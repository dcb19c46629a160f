package dev.buildxlens.core.bake;

import dev.buildxlens.core.bake.hcl.SourceRange;

/** Something bake accepts silently that a user may not expect (an ignored block, an inherits loop). */
public record BakeWarning(SourceRange range, String message) {
}
