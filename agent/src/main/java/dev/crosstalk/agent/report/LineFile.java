package dev.crosstalk.agent.report;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * An append-only file of lines (the text or JSON findings file) that survives what happens to it
 * while the application runs:
 * <ul>
 * <li>it rolls over at {@code maxBytes}, keeping {@code maxFiles} old files {@code f.1} … {@code f.N}
 * ({@code file-max-size}, {@code file-max-count});</li>
 * <li>rotation by others in {@code create} mode (the file is moved away, a new one expected): a line
 * goes to the file now at the path, so the moved file keeps what came before and nothing twice;</li>
 * <li>{@code copytruncate} mode (copied, then cut to zero): lines written between the copy and the cut
 * would be in neither file, so on seeing the cut it writes again those written in the second before
 * it (they may then be in both files, never twice in one);</li>
 * <li>a write that fails (disk full, directory removed) is counted in its {@link WriteTrouble}, a line
 * cut short by a full disk is taken back, and it tries again at a bounded rate.</li>
 * </ul>
 * Streams, not NIO channels: a channel closes itself when the writing thread is interrupted, and
 * the reporter thread is interrupted at shutdown, while it may be writing.
 */
final class LineFile {
    /** Lines written this long before a copytruncate cut are written again after it. */
    static final long RECENT_MILLIS = 1_000;
    private static final int RECENT_MAX_LINES = 1_000;

    private final Path path;
    private final long maxBytes;
    private final int maxFiles;
    private final WriteTrouble trouble;
    /** Lines written within {@link #RECENT_MILLIS} of the last one, oldest first: {@code [millis, bytes]}. */
    private final ArrayDeque<Object[]> recent = new ArrayDeque<>();
    private FileOutputStream out;
    private Object fileKey;
    /** How long the file is after our last write; shorter means someone cut it. */
    private long expectedSize;

    LineFile(Path path, long maxBytes, int maxFiles, WriteTrouble trouble) {
        this.path = path;
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
        this.trouble = trouble;
    }

    /** Appends {@code line} (ending with its line separator); never throws. */
    synchronized void write(byte[] line) {
        if (!trouble.mayTry()) {
            trouble.skipped();
            return;
        }
        long before = -1;
        try {
            before = followRotation();
            if (before < expectedSize) {
                writeAgainAfterCut();
                before = size();
            }
            if (before > 0 && before + line.length > maxBytes) {
                roll();
                before = 0;
            }
            out.write(line);
            long after = size();
            if (after < before + line.length) {
                writeAgainAfterCut(); // cut between our size check and our write: the line itself is in the new file
                after = size();
            }
            expectedSize = after;
            remember(line);
            trouble.succeeded();
        } catch (IOException | RuntimeException e) {
            takeBack(before);
            trouble.failed(e);
        }
    }

    /**
     * Opens the file at the path when none is open or the open one is no longer there (moved away);
     * returns its size.
     */
    private long followRotation() throws IOException {
        BasicFileAttributes now = attributes();
        if (out != null && now != null && Objects.equals(fileKey, now.fileKey())) {
            return now.size();
        }
        close();
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        out = new FileOutputStream(path.toFile(), true);
        now = attributes();
        fileKey = now == null ? null : now.fileKey();
        expectedSize = size();
        return expectedSize;
    }

    private BasicFileAttributes attributes() throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The size of the file at the path: the open one, just checked. */
    private long size() throws IOException {
        BasicFileAttributes a = attributes();
        return a == null ? 0 : a.size();
    }

    private void writeAgainAfterCut() throws IOException {
        long last = recent.isEmpty() ? 0 : (long) recent.getLast()[0];
        for (Object[] r : recent) {
            if ((long) r[0] >= last - RECENT_MILLIS) {
                out.write((byte[]) r[1]);
            }
        }
    }

    private void remember(byte[] line) {
        long now = System.currentTimeMillis();
        recent.addLast(new Object[] {now, line});
        while (recent.size() > RECENT_MAX_LINES || (long) recent.getFirst()[0] < now - RECENT_MILLIS) {
            recent.removeFirst();
        }
    }

    /** A full disk may have taken part of a line: cut it off, so the next line starts on its own. */
    private void takeBack(long size) {
        try {
            if (out != null && size >= 0 && size() > size) {
                try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
                    file.setLength(size);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the next successful write still counts; a torn line is what a full disk leaves at worst
        }
        close();
    }

    /** Fixed window: {@code f.N} is dropped, {@code f.i} becomes {@code f.i+1}, {@code f} becomes {@code f.1}. */
    private void roll() throws IOException {
        close();
        Files.deleteIfExists(numbered(maxFiles));
        for (int i = maxFiles - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(path, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        recent.clear(); // what was written is in f.1 now, as intended
        followRotation();
    }

    private Path numbered(int i) {
        return path.resolveSibling(path.getFileName() + "." + i);
    }

    synchronized void close() {
        FileOutputStream o = out;
        out = null;
        fileKey = null;
        if (o != null) {
            try {
                o.close();
            } catch (IOException ignored) {
                // closing a file we only appended to loses nothing that was not already written
            }
        }
    }
}
