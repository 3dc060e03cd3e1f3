package dev.crosstalk.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real browser of this machine (scripts/ensure-chromium installs it): scripts run, pictures are taken, hangs end. */
class ChromiumTest {

    private static final String PAGE = "<!DOCTYPE html><html><body><p id=static>static</p>"
            + "<script>var p = document.createElement('p'); p.id = 'drawn'; p.textContent = 'drawn ' + (6 * 7);"
            + " document.body.appendChild(p);</script></body></html>";

    @Test
    void theDomIsTakenAfterTheScriptsRan(@TempDir Path dir) throws Exception {
        Path page = Files.writeString(dir.resolve("page.html"), PAGE);
        String dom = Chromium.locate().dumpDom(page);
        assertTrue(dom.contains("<p id=\"drawn\">drawn 42</p>"), dom);
    }

    @Test
    void aScreenshotIsAPngOfTheWindowSize(@TempDir Path dir) throws Exception {
        Path page = Files.writeString(dir.resolve("page.html"), PAGE);
        Path png = dir.resolve("out/shot.png");
        Chromium.locate().screenshot(page, png, 640, 360);
        try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
            byte[] signature = data.readNBytes(8);
            assertEquals("\u0089PNG\r\n\u001a\n", new String(signature, StandardCharsets.ISO_8859_1), "PNG signature");
            data.readInt();
            assertEquals("IHDR", new String(data.readNBytes(4), StandardCharsets.US_ASCII));
            assertEquals(640, data.readInt(), "width");
            assertEquals(360, data.readInt(), "height");
        }
    }

    @Test
    void aPageThatNeverFinishesIsStoppedAndLeavesNoBrowserBehind(@TempDir Path dir) throws Exception {
        Path page = Files.writeString(dir.resolve("loop.html"), "<html><body><script>for (;;) {}</script></body></html>");
        Chromium chromium = Chromium.locate().withTimeout(Duration.ofSeconds(5));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> chromium.dumpDom(page));
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
        List<String> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().command().orElse("?")).collect(Collectors.toList());
        assertTrue(left.isEmpty(), "processes left: " + left);
    }

    @Test
    void aMissingBrowserSaysHowToInstallIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chromium.at(Path.of("/nonexistent/chromium"), "$CHROMIUM"));
        assertTrue(e.getMessage().contains("scripts/ensure-chromium"), e.getMessage());
        assertTrue(e.getMessage().contains("/nonexistent/chromium"), e.getMessage());
    }
}
