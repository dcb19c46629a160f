package dev.buildxlens.ui.main;

import dev.buildxlens.core.scenario.Scenario;
import dev.buildxlens.core.scenario.ScenarioException;
import dev.buildxlens.core.scenario.Scenarios;
import dev.buildxlens.ui.task.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.collections.FXCollections;

/**
 * The built-in lessons, for the Scenarios menu: read once, off the FX thread (each is a file to parse), in teaching
 * order. Empty until read.
 */
public final class LessonsViewModel {

    private final TaskExecutor executor;
    private final ReadOnlyListWrapper<Scenario> lessons = new ReadOnlyListWrapper<>(this, "lessons", FXCollections.observableArrayList());
    private boolean requested;

    LessonsViewModel(TaskExecutor executor) {
        this.executor = executor;
    }

    public ReadOnlyListProperty<Scenario> lessonsProperty() {
        return lessons.getReadOnlyProperty();
    }

    /** Reads the lessons unless they are read already; {@code onError} gets a lesson that cannot be read. */
    public void load(Consumer<String> onError) {
        if (requested) {
            return;
        }
        requested = true;
        executor.execute(() -> {
            List<Scenario> all = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (String name : Scenarios.builtInNames()) {
                try {
                    all.add(Scenarios.builtIn(name));
                } catch (ScenarioException e) {
                    errors.add(e.getMessage());
                }
            }
            return new Read(all, errors);
        }, read -> {
            lessons.setAll(read.lessons());
            read.errors().forEach(onError);
        }, error -> onError.accept("Could not read the built-in lessons: " + error.getMessage()));
    }

    private record Read(List<Scenario> lessons, List<String> errors) {
    }
}
