package dev.buildxlens.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The user's files keep what they had: a file Apply replaces keeps its permission bits (and owner and group), its
 * {@code .bak} gets the same, and a file the app creates follows the user's umask like any other new file.
 */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private Path file(String name, String content, String mode) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        assertThat(mode(file)).isEqualTo(mode);
        return file;
    }

    private void noTemporaryFileLeft() throws IOException {
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rwxr-xr-x", "rw-------", "rw-r-----", "r--r--r--", "rwxrwxrwx"})
    void write_keeps_the_permissions_of_the_file_it_replaces(String mode) throws IOException {
        Path workflow = file("ci.yml", "name: old\n", mode);
        AtomicFiles.write(workflow, "name: new\n");
        assertThat(workflow).hasContent("name: new");
        assertThat(mode(workflow)).isEqualTo(mode);
        noTemporaryFileLeft();
    }

    @Test
    void an_executable_script_stays_executable() throws IOException {
        Path script = file("build.sh", "#!/bin/sh\necho old\n", "rwxr-xr-x");
        AtomicFiles.write(script, "#!/bin/sh\necho new\n");
        assertThat(mode(script)).isEqualTo("rwxr-xr-x");
        assertThat(Files.isExecutable(script)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rwxr-xr-x", "rw-------"})
    void apply_with_backup_keeps_the_permissions_and_the_backup_gets_the_same(String mode) throws IOException {
        Path workflow = file("ci.yml", "name: old\n", mode);
        // A backup left from an earlier Apply, with other bits: the new backup takes the original's, not these.
        file("ci.yml.bak", "name: older\n", "rw-rw-rw-");

        Path backup = AtomicFiles.writeWithBackup(workflow, "name: new\n");

        assertThat(workflow).hasContent("name: new");
        assertThat(backup).hasFileName("ci.yml.bak").hasContent("name: old");
        assertThat(mode(workflow)).as("the file").isEqualTo(mode);
        assertThat(mode(backup)).as("its .bak").isEqualTo(mode);
        noTemporaryFileLeft();
    }

    @Test
    void the_backup_is_a_byte_for_byte_copy() throws IOException {
        Path dockerfile = dir.resolve("Dockerfile");
        byte[] old = {'F', 'R', 'O', 'M', ' ', (byte) 0xE9, '\r', '\n'}; // not UTF-8, CRLF
        Files.write(dockerfile, old);
        Path backup = AtomicFiles.writeWithBackup(dockerfile, "FROM new\n");
        assertThat(Files.readAllBytes(backup)).isEqualTo(old);
    }

    /** The process umask, as the shell reports it (the JVM has no API for it). */
    private static int umask() throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("/bin/sh", "-c", "umask").redirectErrorStream(true).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sh.exitValue()).as("umask: " + out).isZero();
        return Integer.parseInt(out, 8);
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    @Test
    void a_new_file_gets_what_the_umask_leaves_of_0666() throws Exception {
        int umask = umask();
        String expected = PosixFilePermissions.toString(permissions(0666 & ~umask));
        // Any other new file the user makes gets the same: a probe written the plain way.
        Path probe = dir.resolve("probe");
        Files.newOutputStream(probe).close();
        assertThat(mode(probe)).as("a plain new file under umask %04o", umask).isEqualTo(expected);

        Path handout = dir.resolve("handout.md");
        AtomicFiles.write(handout, "# Handout\n");
        assertThat(handout).hasContent("# Handout");
        assertThat(mode(handout)).as("a new file under umask %04o", umask).isEqualTo(expected);
        if (umask == 0022) {
            assertThat(mode(handout)).isEqualTo("rw-r--r--");
        }
        noTemporaryFileLeft();
    }

    @Test
    void owner_and_group_are_kept_where_the_process_may_set_them() throws IOException {
        Path workflow = file("ci.yml", "name: old\n", "rw-r--r--");
        PosixFileAttributeView view = Files.getFileAttributeView(workflow, PosixFileAttributeView.class);
        // Only root may give a file to another owner: as any other user there is nothing to keep, so nothing to test
        // (CI runs as root, where this runs).
        assumeTrue("root".equals(view.readAttributes().owner().getName()), "giving a file to another user needs root");
        // daemon: a user and a group every Linux has, other than the writer's own.
        UserPrincipalLookupService users = workflow.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal daemon = users.lookupPrincipalByName("daemon");
        GroupPrincipal daemons = users.lookupPrincipalByGroupName("daemon");
        view.setOwner(daemon);
        view.setGroup(daemons);

        Path backup = AtomicFiles.writeWithBackup(workflow, "name: new\n");

        for (Path file : new Path[] {workflow, backup}) {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
            assertThat(attributes.owner()).as(file.getFileName() + " owner").isEqualTo(daemon);
            assertThat(attributes.group()).as(file.getFileName() + " group").isEqualTo(daemons);
            assertThat(PosixFilePermissions.toString(attributes.permissions())).as(file.getFileName() + " mode").isEqualTo("rw-r--r--");
        }
    }
}
