package dev.buildxlens.core.dockerfile;

/**
 * One instruction after line continuations are joined and heredoc bodies skipped. {@code keyword} is upper case;
 * {@code arguments} is the text after it; {@code line} is where it starts (1-based), {@code endLine} where its last
 * physical line (or heredoc terminator) is.
 */
public record Instruction(String keyword, String arguments, int line, int endLine) {
}
