package dev.buildxlens.core.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one raw line into the text a person reads: CI systems and terminals add bytes that are not the tool's output.
 * Structure that matters ({@code ##[group]}, {@code ##[error]}, {@code $ command}) is kept as text so that the scanner
 * can read it.
 */
final class LineNormaliser {

    /** CSI sequences (colours, cursor moves such as GitLab's {@code ESC[0K}), OSC sequences, and lone two-byte escapes. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)|\u001B[@-Z\\\\-_]");
    /** GitHub's raw (downloaded) job logs start each line with an RFC 3339 time with 7 fraction digits and a space. */
    private static final Pattern GITHUB_TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z ");
    /** GitLab's collapsible sections: {@code section_start:1700000000:build_script[collapsed=true]\r}. */
    private static final Pattern GITLAB_SECTION = Pattern.compile("section_(?:start|end):\\d+:([A-Za-z0-9_.-]+)(?:\\[[^\\]]*])?\r?");
    /** devcontainer CLI ({@code [2024-05-08T13:05:07.536Z] }) and docker-maven-plugin ({@code [INFO] DOCKER> }) prefixes. */
    private static final Pattern TOOL_PREFIX = Pattern.compile("^(\\[\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z] |\\[(INFO|WARNING|WARN|ERROR)] DOCKER> )");

    private LineNormaliser() {
    }

    static NormalisedLine normalise(String raw) {
        String text = raw;
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        String section = null;
        Matcher sectionMatch = GITLAB_SECTION.matcher(text);
        if (text.contains("section_") && sectionMatch.find()) {
            section = sectionMatch.group(1);
            text = sectionMatch.replaceAll("");
        }
        if (text.indexOf('\u001B') >= 0) {
            text = ANSI.matcher(text).replaceAll("");
        }
        // A bare CR inside a line is a terminal redraw: what stays on screen is the part after the last one.
        int cr = text.lastIndexOf('\r');
        if (cr >= 0) {
            String after = text.substring(cr + 1);
            text = after.isBlank() ? text.substring(0, cr).replace('\r', ' ') : after;
        }
        boolean github = false;
        Matcher time = GITHUB_TIME.matcher(text);
        if (time.lookingAt()) {
            github = true;
            text = text.substring(time.end());
        }
        boolean tool = false;
        Matcher prefix = TOOL_PREFIX.matcher(text);
        if (text.startsWith("[") && prefix.lookingAt()) {
            tool = true;
            text = text.substring(prefix.end());
        }
        return new NormalisedLine(text, github, section, tool);
    }
}
