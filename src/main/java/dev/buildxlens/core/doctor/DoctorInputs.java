package dev.buildxlens.core.doctor;

import dev.buildxlens.core.model.Snapshot;
import java.util.Optional;

/**
 * What the doctor judges: the machine's snapshot, and the few facts of the shell it runs in that the snapshot does
 * not hold: whether {@code DOCKER_HOST} is set while a context is also chosen ({@code DOCKER_CONTEXT} or
 * {@code currentContext}), and a {@code current} pointer of the builder store that names a builder that no
 * longer exists.
 */
public record DoctorInputs(Snapshot snapshot, Optional<String> dockerHost, Optional<String> chosenContext, Optional<String> staleCurrent) {

    /** A world that is not this shell's (a lesson): only its snapshot counts. */
    public static DoctorInputs of(Snapshot snapshot) {
        return new DoctorInputs(snapshot, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
