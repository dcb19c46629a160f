package dev.buildxlens.core.fix;

/**
 * Text the user copies or saves. {@code kind} is {@code shell}, {@code dockerfile}, {@code dockerfile-patch},
 * {@code github-actions}, {@code workflow-patch}, {@code buildkitd-toml} or {@code daemon-json}; {@code language}
 * names the syntax for highlighting ({@code sh}, {@code dockerfile}, {@code diff}, {@code yaml}, {@code toml},
 * {@code json}).
 */
public record Snippet(String kind, String title, String language, String content) {
}
