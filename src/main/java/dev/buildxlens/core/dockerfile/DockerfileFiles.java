package dev.buildxlens.core.dockerfile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a Dockerfile from disk with limits and messages that name the file. */
public final class DockerfileFiles {

    /** Far beyond any real Dockerfile; refusing larger files keeps a mistaken path from filling memory. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;

    private DockerfileFiles() {
    }

    public static ParsedDockerfile read(Path path, String displayName) throws DockerfileException {
        return DockerfileParser.parse(readText(path, displayName), displayName);
    }

    /** The text, checked: a regular file, not too large, UTF-8 (a leading BOM is dropped). */
    public static String readText(Path path, String displayName) throws DockerfileException {
        try {
            if (Files.isDirectory(path)) {
                throw new DockerfileException(displayName, 0, "is a directory, not a Dockerfile");
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new DockerfileException(displayName, 0, "is " + size + " bytes: too large to be a Dockerfile");
            }
            byte[] bytes = Files.readAllBytes(path);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new DockerfileException(displayName, 0, "no such file");
        } catch (CharacterCodingException e) {
            throw new DockerfileException(displayName, 0, "is not UTF-8 text");
        } catch (IOException e) {
            throw new DockerfileException(displayName, 0, "cannot be read: " + e.getMessage());
        }
    }
}
