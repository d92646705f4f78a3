package io.switchboard.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/** throughput (acknowledged msg/s) against connections, one line per server and BOD size; headless AWT PNG. */
final class ThroughputPlot {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 230;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f)};

    private ThroughputPlot() {
    }

    static void write(String title, List<IngestCell> cells, List<Integer> connections, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double max = cells.stream().mapToDouble(IngestCell::perSecond).max().orElse(1) * 1.1;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotHeight - plotHeight * i / 5;
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT + 1, y, LEFT + plotWidth, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.0f", max * i / 5), 10, y + 4);
        }
        for (int i = 0; i < connections.size(); i++) {
            g.drawString(String.valueOf(connections.get(i)), x(i, connections.size(), plotWidth) - 6,
                    TOP + plotHeight + 20);
        }
        g.drawString("connections", LEFT + plotWidth / 2 - 30, HEIGHT - 15);
        g.drawString("msg/s", 10, TOP - 10);
        List<String> series = cells.stream().map(c -> c.server() + " " + c.sizeKib() + " KiB").distinct().toList();
        g.setStroke(new BasicStroke(2.5f));
        for (int s = 0; s < series.size(); s++) {
            String name = series.get(s);
            g.setColor(COLORS[s % COLORS.length]);
            int[] previous = null;
            for (int i = 0; i < connections.size(); i++) {
                int connection = connections.get(i);
                IngestCell cell = cells.stream().filter(c -> (c.server() + " " + c.sizeKib() + " KiB").equals(name)
                        && c.connections() == connection).findFirst().orElse(null);
                if (cell == null) {
                    continue;
                }
                int[] point = {x(i, connections.size(), plotWidth),
                    TOP + plotHeight - (int) (plotHeight * cell.perSecond() / max)};
                g.fillOval(point[0] - 4, point[1] - 4, 8, 8);
                if (previous != null) {
                    g.drawLine(previous[0], previous[1], point[0], point[1]);
                }
                previous = point;
            }
            g.fillRect(WIDTH - RIGHT + 20, TOP + 20 * s, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(name, WIDTH - RIGHT + 40, TOP + 20 * s + 10);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static int x(int index, int count, int plotWidth) {
        return LEFT + (count == 1 ? plotWidth / 2 : 30 + (plotWidth - 60) * index / (count - 1));
    }
}
