package dev.buildxlens.core.log;

/**
 * A raw log line after {@link LineNormaliser}: the text left, and the format markers that were taken off it (they
 * tell the kind of log: a GitHub raw log's timestamps, a GitLab section marker, a devcontainer or Maven prefix).
 */
record NormalisedLine(String text, boolean githubTimestamp, String gitlabSection, boolean toolPrefix) {
}
