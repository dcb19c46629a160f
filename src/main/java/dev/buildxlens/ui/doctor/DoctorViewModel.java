package dev.buildxlens.ui.doctor;

import dev.buildxlens.core.doctor.Check;
import dev.buildxlens.core.doctor.DoctorInputs;
import dev.buildxlens.core.doctor.MachineDoctor;
import dev.buildxlens.core.model.Snapshot;
import dev.buildxlens.core.probe.Messages;
import dev.buildxlens.core.report.DoctorReport;
import dev.buildxlens.ui.task.TaskExecutor;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;

/**
 * Help → Check this machine: the checklist of {@code buildx-lens doctor}, from the same {@link MachineDoctor}, for
 * the world the window shows. On this machine the shell's facts (DOCKER_HOST, the chosen context, a stale
 * {@code current}) are read off the FX thread; a lesson's world is judged by its snapshot alone, and says so.
 *
 * <p>It never shows checks of another picture: a refresh or a world switch clears them until the new picture is
 * complete, and the result of a check started for an older picture is dropped.
 */
public final class DoctorViewModel {

    private final TaskExecutor executor;
    /** The shell's facts beside a snapshot of this machine; the app reads them from the real environment. */
    private Function<Snapshot, DoctorInputs> machineFacts = DoctorInputs::of;
    /** The checks are only worked out while someone looks at them: a refresh costs nothing more otherwise. */
    private boolean active;
    private Snapshot world;
    private boolean live = true;
    private int generation;

    private final ReadOnlyListWrapper<Check> checks = new ReadOnlyListWrapper<>(this, "checks", FXCollections.observableArrayList());
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking", false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper subject = new ReadOnlyStringWrapper(this, "subject", "This machine");
    private final ReadOnlyBooleanWrapper reportable = new ReadOnlyBooleanWrapper(this, "reportable", false);

    public DoctorViewModel(TaskExecutor executor) {
        this.executor = executor;
    }

    /** The app reads DOCKER_HOST, the context and the builder store of the real environment (off the FX thread). */
    public void useMachineFacts(Function<Snapshot, DoctorInputs> facts) {
        this.machineFacts = facts;
    }

    /** The checks, worst first as the doctor orders them; empty while checking or when there is no picture. */
    public ReadOnlyListProperty<Check> checksProperty() {
        return checks.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /** One line: the counts as the command line prints them, "Checking…", or why nothing could be checked. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What is checked: "This machine", or the lesson's title with a word on what a lesson cannot show. */
    public ReadOnlyStringProperty subjectProperty() {
        return subject.getReadOnlyProperty();
    }

    /** True when there are checks to copy as Markdown or as an issue body. */
    public ReadOnlyBooleanProperty reportableProperty() {
        return reportable.getReadOnlyProperty();
    }

    /** The window opened (true) or closed (false): an opened window checks the latest picture at once. */
    public void setActive(boolean active) {
        this.active = active;
        if (active) {
            run();
        } else {
            generation++;
            clear("");
        }
    }

    /** A new picture is being taken: what was checked belongs to the old one. */
    public void pictureLoading() {
        world = null;
        generation++;
        clear("Checking…");
        checking.set(true);
    }

    /**
     * The complete picture of a world ({@code live}: this machine; otherwise the lesson named {@code lessonTitle});
     * null when there is none.
     */
    public void pictureTaken(Snapshot snapshot, boolean live, String lessonTitle) {
        this.world = snapshot;
        this.live = live;
        subject.set(live ? "This machine" : lessonTitle + " (a lesson: only what its world holds is checked, not this shell's settings)");
        run();
    }

    /** Taking the picture failed: nothing to check; say why. */
    public void pictureFailed(String reason) {
        world = null;
        generation++;
        clear("Nothing was checked: " + reason);
    }

    private void run() {
        int mine = ++generation;
        if (!active) {
            clear("");
            return;
        }
        Snapshot snapshot = world;
        if (snapshot == null) {
            clear("Checking…");
            checking.set(true);
            return;
        }
        boolean machine = live;
        Function<Snapshot, DoctorInputs> facts = machineFacts;
        clear("Checking…");
        checking.set(true);
        executor.execute(() -> MachineDoctor.checks(machine ? facts.apply(snapshot) : DoctorInputs.of(snapshot)), result -> {
            if (mine == generation) {
                checks.setAll(result);
                summary.set(DoctorReport.summary(result).replaceFirst("^• ", "")
                        + (snapshot.daemon().reachable() ? "" : " No Docker engine answers."));
                checking.set(false);
                reportable.set(true);
            }
        }, error -> {
            if (mine == generation) {
                clear("The checks failed: " + Messages.firstLine(error));
            }
        });
    }

    private void clear(String why) {
        checks.clear();
        reportable.set(false);
        checking.set(false);
        summary.set(why);
    }

    /** The checklist as Markdown, as {@code doctor --format markdown} prints it (secrets masked). */
    public String markdown() {
        return DoctorReport.markdown(List.copyOf(checks));
    }

    /** A ready-to-paste issue body with the redacted picture, as {@code doctor --format github-issue} prints it. */
    public String issueBody() {
        return world == null ? "" : DoctorReport.githubIssue(List.copyOf(checks), world);
    }
}
