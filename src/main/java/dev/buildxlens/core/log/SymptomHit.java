package dev.buildxlens.core.log;

/** A recognised failure text on one line, with what its pattern captured (an ARG name, a driver, an image) or "". */
public record SymptomHit(String symptom, LogLine line, String detail) {
}
