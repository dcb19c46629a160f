package dev.buildxlens.ui;

import dev.buildxlens.core.report.DiagnosisText;
import dev.buildxlens.ui.main.MainView;
import dev.buildxlens.ui.main.MainViewModel;
import dev.buildxlens.ui.storemap.StoreMapView;
import dev.buildxlens.ui.storemap.StoreMapViewModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A Markdown handout of what the window shows: the lesson (or this machine), the store map as a PNG beside it (the
 * drawing alone, as lit up now: a step-through, a selected builder or store), what the map says about it, the
 * diagnosis of the open file and the fixes of the selected finding. Written atomically.
 */
final class Handout {

    private Handout() {
    }

    static String write(MainViewModel viewModel, MainView view, Path target) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            String base = target.getFileName().toString().replaceFirst("\\.md$", "");
            Path picture = dir.resolve(base + "-store-map.png");
            var tabs = view.tabs();
            var selected = tabs.getSelectionModel().getSelectedItem();
            // The map is laid out only while its tab is in front.
            view.showTab("tab-store-map");
            view.applyCss();
            view.layout();
            StoreMapView map = (StoreMapView) tabs.getSelectionModel().getSelectedItem().getContent();
            Screenshots.write(map.figure(), picture);
            tabs.getSelectionModel().select(selected);

            StringBuilder md = new StringBuilder();
            md.append("# ").append(viewModel.narrativeTitle().isEmpty() ? "Buildx Lens: this machine" : viewModel.narrativeTitle()).append("\n\n");
            viewModel.narrative().forEach(line -> md.append("- ").append(line).append('\n'));
            md.append("\n![The store map](").append(picture.getFileName()).append(")\n\n");
            md.append(StoreMapView.LEGEND_IN_WORDS).append("\n\n");
            mapCaption(viewModel.storeMap(), md);
            md.append(viewModel.daemonSummaryProperty().get()).append("\n\n");
            var diagnose = viewModel.diagnose();
            if (diagnose.fileProperty().get() != null && !diagnose.findingsProperty().isEmpty()) {
                md.append("## Diagnosis of ").append(diagnose.fileProperty().get().getFileName()).append("\n\n```\n");
                md.append(DiagnosisText.write(new dev.buildxlens.core.diagnose.Diagnosis(java.util.List.of(), diagnose.findingsProperty(),
                        java.util.List.of()))).append("```\n\n");
            }
            if (!diagnose.fixesProperty().isEmpty()) {
                md.append(diagnose.fixesAsMarkdown().replaceFirst("^# ", "## "));
            }
            dev.buildxlens.core.files.AtomicFiles.write(target, md.toString());
            return "Exported " + target.getFileName() + " and " + picture.getFileName();
        } catch (IOException e) {
            return "Could not export the handout: " + e.getMessage();
        }
    }

    /** What the picture shows, in the map's words: the step on screen and its error, or what is selected. */
    private static void mapCaption(StoreMapViewModel map, StringBuilder md) {
        String step = map.stepCaptionProperty().get();
        if (!step.isEmpty()) {
            md.append("**").append(step).append("**\n\n");
        }
        if (map.highlightProperty().get().active()) {
            md.append(map.explanationProperty().get()).append("\n\n");
        }
        String error = map.stepErrorProperty().get();
        if (!error.isEmpty()) {
            md.append("```\n").append(error).append("\n```\n\n");
        }
    }
}
