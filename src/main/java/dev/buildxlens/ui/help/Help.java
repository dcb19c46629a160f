package dev.buildxlens.ui.help;

import javafx.scene.control.Alert;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * Help → How builders see images, and the words the explanations use without defining them (BuildKit, content
 * store, driver): one text, shown from the Help menu and from a link under the explanations.
 */
public final class Help {

    public static final String TITLE = "How builders see images";

    /** The three words every explanation leans on, each in one sentence. */
    public static final String WORDS = """
            BuildKit: the engine that runs a build. It reads the Dockerfile and fetches the images each FROM names.
            Content store: where a BuildKit keeps the layers and images it has, by digest; each BuildKit has its own.
            Driver: how buildx runs BuildKit. docker: inside dockerd, sharing the daemon's image store; docker-container: in a container of its own; kubernetes, remote and cloud: elsewhere.""";

    public static final String HOW_BUILDERS_SEE_IMAGES = """
            A FROM resolves from exactly three places: a named build context, the daemon's image store, or the registry the name points to.

            • The docker driver builds with dockerd's own BuildKit. It reads the daemon's image store, so images you docker load, docker build or docker pull are there.
            • Every other driver (docker-container, kubernetes, remote, cloud) runs BuildKit with its own content store. It never reads the daemon's images: an unqualified name such as my-base goes to docker.io/library/my-base, and fails with "pull access denied".
            • A builder's own cache keeps layers by digest, never names: not even an image the same builder built resolves from it.
            • A registry on localhost is the host's only for the docker driver, or for a docker-container builder created with --driver-opt network=host.

            The store map draws this: solid edges can read, dashed ones only with network=host, broken ones cannot, and a question mark where the daemon did not answer.

            Words
            """ + WORDS;

    private Help() {
    }

    /** Opens Help → How builders see images in a window of its own (not modal: the explanation stays readable). */
    public static Alert showHowBuildersSeeImages(java.util.List<Image> icons) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, HOW_BUILDERS_SEE_IMAGES);
        ((Stage) alert.getDialogPane().getScene().getWindow()).getIcons().setAll(icons);
        alert.setTitle(TITLE);
        alert.setHeaderText(TITLE);
        sizeForReading(alert);
        alert.show();
        return alert;
    }

    /** A dialog of text: resizable, wide enough for its sentences, never smaller than its header and buttons need. */
    public static void sizeForReading(Alert alert) {
        alert.setResizable(true);
        alert.getDialogPane().setPrefWidth(720);
        alert.getDialogPane().setMinWidth(480);
        alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    }

    /**
     * A link to put under an explanation: its tooltip defines BuildKit, content store and driver, and it opens the
     * help on how builders see images.
     */
    public static Hyperlink wordsLink(String id) {
        Hyperlink link = new Hyperlink("What are BuildKit, a content store, a driver?");
        link.setId(id);
        // In a narrow pane (the Builders tab's reasons at 1024 px) the question wraps rather than losing its end.
        link.setWrapText(true);
        link.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Tooltip tooltip = new Tooltip(WORDS);
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(520);
        link.setTooltip(tooltip);
        link.setOnAction(e -> showHowBuildersSeeImages(dev.buildxlens.ui.WindowIcons.all()));
        return link;
    }
}
