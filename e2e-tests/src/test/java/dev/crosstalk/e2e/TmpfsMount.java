package dev.crosstalk.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small {@code tmpfs} the test mounts for real (a full disk, a read-only file system), unmounted on
 * close. The tests run as root, where permission bits stop nothing; a mount that is refused fails the
 * test with the reason, it never skips it.
 */
final class TmpfsMount implements AutoCloseable {
    private final Path dir;

    private TmpfsMount(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs with {@code options} ({@code size=64k}, {@code ro,size=64k}) on {@code dir}, made if missing. */
    static TmpfsMount at(Path dir, String options) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString());
        return new TmpfsMount(dir);
    }

    Path dir() {
        return dir;
    }

    /** Fills the file system: writes {@code filler} until the disk says no space is left. */
    Path fill(String filler) throws IOException {
        Path file = dir.resolve(filler);
        byte[] page = new byte[4096];
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < 1_000_000; i++) {
                out.write(page);
                out.flush();
            }
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("No space left on device")) {
                return file;
            }
            throw e;
        }
        throw new AssertionError("the tmpfs at " + dir + " did not fill up");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", dir.toString());
    }

    /** Runs a command that must succeed; its output is in the failure message. */
    static String run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish in 60 s: " + out);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (exit " + p.exitValue() + ", user "
                    + System.getProperty("user.name") + "): " + out);
        }
        return out;
    }
}
