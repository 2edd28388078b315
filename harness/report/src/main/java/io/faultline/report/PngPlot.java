package io.faultline.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Draws a {@link Plot} into a PNG with Java2D (headless), for pasting into tickets. */
public final class PngPlot {
    private PngPlot() {
    }

    public static void write(Plot plot, int width, int height, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            draw(g, plot, new Frame(plot, width, height));
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(img, "png", file.toFile())) throw new IOException("no PNG writer in this JDK");
    }

    private static void draw(Graphics2D g, Plot plot, Frame fr) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, fr.width, fr.height);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        g.setFont(font.deriveFont(Font.BOLD, 13f));
        g.setColor(Color.BLACK);
        g.drawString(plot.title(), Frame.LEFT, 18);
        g.setFont(font);
        int i = 0;
        for (FaultInterval f : plot.faults()) {
            double x0 = fr.x(f.fromNanos() / 1e9), x1 = fr.x(f.toNanos() / 1e9);
            Color c = Color.decode(Frame.faultColor(f.fault()));
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 52));
            g.fill(new Rectangle2D.Double(x0, fr.plotTop(), Math.max(1, x1 - x0), fr.plotBottom() - fr.plotTop()));
            g.setColor(c.darker());
            g.drawString(f.fault(), (float) x0 + 2, fr.plotTop() + 11 + (i % 3) * 11);
            i++;
        }
        g.setColor(new Color(0xe5e5e5));
        for (double t : fr.yTicks()) g.draw(new Line2D.Double(fr.plotLeft(), fr.y(t), fr.plotRight(), fr.y(t)));
        g.setColor(Color.DARK_GRAY);
        for (double t : fr.yTicks()) {
            String s = Frame.tick(t);
            g.drawString(s, fr.plotLeft() - 4 - g.getFontMetrics().stringWidth(s), (float) fr.y(t) + 4);
        }
        for (double t : fr.xTicks()) {
            String s = Frame.tick(t);
            double x = fr.x(t);
            g.draw(new Line2D.Double(x, fr.plotBottom(), x, fr.plotBottom() + 4));
            g.drawString(s, (float) x - g.getFontMetrics().stringWidth(s) / 2f, fr.plotBottom() + 16);
        }
        g.drawRect(fr.plotLeft(), fr.plotTop(), fr.plotRight() - fr.plotLeft(), fr.plotBottom() - fr.plotTop());
        String xl = "time since start (s)";
        g.drawString(xl, (fr.plotLeft() + fr.plotRight() - g.getFontMetrics().stringWidth(xl)) / 2f, fr.height - 6);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(plot.yLabel(), -(fr.plotTop() + fr.plotBottom() + g.getFontMetrics().stringWidth(plot.yLabel())) / 2f, 16);
        g.setTransform(saved);

        for (Plot.Series se : plot.series()) series(g, fr, se);

        int lx = fr.plotRight() + 12, ly = fr.plotTop() + 4;
        for (Plot.Series se : plot.series()) {
            g.setColor(Color.decode(se.color()));
            if (se.style() == Plot.Style.POINTS) marker(g, se.marker(), lx + 8, ly + 5);
            else g.fill(new Rectangle2D.Double(lx, ly + 4, 16, 2));
            g.setColor(Color.BLACK);
            g.drawString(se.name(), lx + 22, ly + 9);
            ly += 15;
        }
    }

    private static void series(Graphics2D g, Frame fr, Plot.Series se) {
        g.setColor(Color.decode(se.color()));
        double[] xs = se.xs(), ys = se.ys();
        if (se.style() == Plot.Style.POINTS) {
            g.setStroke(new BasicStroke(1.2f));
            for (int i = 0; i < xs.length; i++) {
                if (Double.isFinite(ys[i])) marker(g, se.marker(), fr.x(xs[i]), fr.y(ys[i]));
            }
            return;
        }
        g.setStroke(se.style() == Plot.Style.DASHED
                ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[]{5, 3}, 0)
                : new BasicStroke(1.6f));
        Path2D.Double p = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(ys[i])) {
                pen = false;
                continue;
            }
            if (pen) p.lineTo(fr.x(xs[i]), fr.y(ys[i]));
            else p.moveTo(fr.x(xs[i]), fr.y(ys[i]));
            pen = true;
        }
        g.draw(p);
        g.setStroke(new BasicStroke(1f));
    }

    private static void marker(Graphics2D g, Plot.Marker m, double x, double y) {
        switch (m) {
            case CIRCLE -> g.fill(new java.awt.geom.Ellipse2D.Double(x - 2, y - 2, 4, 4));
            case SQUARE -> g.fill(new Rectangle2D.Double(x - 2, y - 2, 4, 4));
            case PLUS -> {
                g.draw(new Line2D.Double(x - 3, y, x + 3, y));
                g.draw(new Line2D.Double(x, y - 3, x, y + 3));
            }
            case CROSS -> {
                g.draw(new Line2D.Double(x - 2.5, y - 2.5, x + 2.5, y + 2.5));
                g.draw(new Line2D.Double(x - 2.5, y + 2.5, x + 2.5, y - 2.5));
            }
            case DIAMOND -> {
                Path2D.Double d = new Path2D.Double();
                d.moveTo(x, y - 3);
                d.lineTo(x + 3, y);
                d.lineTo(x, y + 3);
                d.lineTo(x - 3, y);
                d.closePath();
                g.fill(d);
            }
        }
    }
}
