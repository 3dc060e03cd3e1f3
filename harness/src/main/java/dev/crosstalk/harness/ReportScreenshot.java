package dev.crosstalk.harness;

import java.nio.file.Path;

/**
 * {@code scripts/report-screenshot}: a PNG of an HTML report as headless Chromium draws it, for the docs.
 */
public final class ReportScreenshot {

    static final int DEFAULT_WIDTH = 1280;
    static final int DEFAULT_HEIGHT = 1600;

    private ReportScreenshot() {
    }

    /** Arguments: the report page, the PNG to write, and optionally the window width and height. */
    public static void main(String[] args) {
        if (args.length != 2 && args.length != 4) {
            System.err.println("usage: scripts/report-screenshot <report.html> <out.png> [<width> <height>]"
                    + " (default " + DEFAULT_WIDTH + " " + DEFAULT_HEIGHT + ")");
            System.exit(2);
        }
        int width = args.length == 4 ? Integer.parseInt(args[2]) : DEFAULT_WIDTH;
        int height = args.length == 4 ? Integer.parseInt(args[3]) : DEFAULT_HEIGHT;
        Path png = Path.of(args[1]);
        Chromium.locate().screenshot(Path.of(args[0]), png, width, height);
        System.out.println("wrote " + png.toAbsolutePath() + " (" + width + "x" + height + ")");
    }
}
