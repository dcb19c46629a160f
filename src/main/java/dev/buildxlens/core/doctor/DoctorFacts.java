package dev.buildxlens.core.doctor;

import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.BuilderStore;
import dev.buildxlens.core.probe.BuilderStoreReader;
import dev.buildxlens.core.probe.ContextStore;
import dev.buildxlens.core.probe.Environment;
import java.util.Optional;

/** The shell's facts the doctor needs beside the snapshot: DOCKER_HOST, the chosen context, a stale {@code current}. */
public final class DoctorFacts {

    private DoctorFacts() {
    }

    /** Reads the files it needs (config.json, the builder store): call it off the FX thread. */
    public static DoctorInputs of(Environment env, Snapshot snapshot) {
        ContextStore contexts = new ContextStore(env);
        Optional<String> chosen = env.get("DOCKER_CONTEXT").or(contexts::configuredCurrentContext);
        BuilderStore store = BuilderStoreReader.read(env.buildxDir());
        Optional<String> stale = store.current().map(BuilderStore.CurrentPointer::name)
                .filter(name -> !name.isEmpty() && snapshot.builder(name).isEmpty());
        return new DoctorInputs(snapshot, env.get("DOCKER_HOST"), chosen, stale);
    }
}
