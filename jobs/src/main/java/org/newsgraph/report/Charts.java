package org.newsgraph.report;

import java.util.List;
import java.util.Locale;

/**
 * Time-series charts as inline SVG, drawn here so that a report needs no script and no network:
 * bars (counts), a line with points (a measure that may be missing in some periods) and stacked
 * shares (the spread of tone). Every period with a value is one element of class {@code point},
 * with a tooltip and, where given, a link to the period's evidence; each chart says how many points
 * it has in {@code data-points}.
 */
final class Charts {

  /** One period of a chart: its label, its value (null: none), a link and a tooltip. */
  record Point(String label, Double value, String href, String tooltip) {}

  /** One period of the tone mix: the shares of negative, neutral and positive sentences. */
  record Mix(String label, double negative, double neutral, double positive, String href) {}

  private static final int WIDTH = 880;
  private static final int HEIGHT = 220;
  private static final int LEFT = 52;
  private static final int RIGHT = 12;
  private static final int TOP = 12;
  private static final int BOTTOM = 34;
  // At most this many period labels under the axis; the others are in the tooltips.
  private static final int X_LABELS = 12;

  private Charts() {}

  /** Bars from zero; the axis runs to the largest value. */
  static String bars(String id, String caption, List<Point> points) {
    double max = 1;
    for (Point p : points) {
      if (p.value() != null) {
        max = Math.max(max, p.value());
      }
    }
    // An even whole maximum, so that the three grid lines are whole counts.
    max = Math.ceil(max / 2) * 2;
    StringBuilder svg = open(id, caption, points, 0, max);
    double step = plotWidth() / Math.max(points.size(), 1);
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      if (p.value() == null) {
        continue;
      }
      double h = plotHeight() * p.value() / max;
      String bar =
          String.format(
              Locale.ROOT,
              "<rect class=\"point\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                  + "<title>%s</title></rect>",
              LEFT + i * step + step * 0.15,
              TOP + plotHeight() - h,
              Math.max(step * 0.7, 1),
              h,
              Html.text(p.tooltip()));
      svg.append(link(p.href(), bar));
    }
    return close(svg, points);
  }

  /** A line through the periods with a value, between {@code min} and {@code max}. */
  static String line(String id, String caption, List<Point> points, double min, double max) {
    for (Point p : points) {
      if (p.value() != null) {
        min = Math.min(min, p.value());
        max = Math.max(max, p.value());
      }
    }
    if (max - min < 1e-9) {
      max = min + 1;
    }
    StringBuilder svg = open(id, caption, points, min, max);
    double step = plotWidth() / Math.max(points.size(), 1);
    StringBuilder path = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      if (p.value() == null) {
        continue;
      }
      double x = LEFT + i * step + step / 2;
      double y = TOP + plotHeight() * (max - p.value()) / (max - min);
      path.append(path.length() == 0 ? "M" : " L").append(format(x)).append(',').append(format(y));
      String dot =
          String.format(
              Locale.ROOT,
              "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"><title>%s</title></circle>",
              x,
              y,
              Html.text(p.tooltip()));
      dots.append(link(p.href(), dot));
    }
    if (path.length() > 0) {
      svg.append("<path class=\"line\" d=\"").append(path).append("\"/>");
    }
    svg.append(dots);
    return close(svg, points);
  }

  /** Stacked shares per period: negative at the bottom, neutral, positive at the top. */
  static String mix(String id, String caption, List<String> labels, List<Mix> mixes) {
    List<Point> axis = labels.stream().map(l -> new Point(l, null, null, l)).toList();
    StringBuilder svg = open(id, caption, axis, 0, 1);
    double step = plotWidth() / Math.max(labels.size(), 1);
    int shown = 0;
    for (Mix m : mixes) {
      int i = labels.indexOf(m.label());
      double x = LEFT + i * step + step * 0.15;
      double w = Math.max(step * 0.7, 1);
      double y = TOP + plotHeight();
      StringBuilder g = new StringBuilder("<g class=\"point\">");
      String tip =
          String.format(
              Locale.ROOT,
              "%s: %.0f%% negative, %.0f%% neutral, %.0f%% positive",
              m.label(),
              m.negative() * 100,
              m.neutral() * 100,
              m.positive() * 100);
      g.append("<title>").append(Html.text(tip)).append("</title>");
      String[] kinds = {"negative", "neutral", "positive"};
      double[] shares = {m.negative(), m.neutral(), m.positive()};
      for (int k = 0; k < 3; k++) {
        double h = plotHeight() * shares[k];
        y -= h;
        g.append(
            String.format(
                Locale.ROOT,
                "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                kinds[k],
                x,
                y,
                w,
                h));
      }
      g.append("</g>");
      svg.append(link(m.href(), g.toString()));
      shown++;
    }
    return close(svg, shown);
  }

  private static StringBuilder open(
      String id, String caption, List<Point> points, double min, double max) {
    StringBuilder svg = new StringBuilder();
    svg.append("<figure class=\"chart\" id=\"").append(Html.attribute(id)).append("\">");
    svg.append("<figcaption>").append(Html.text(caption)).append("</figcaption>");
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
            WIDTH,
            HEIGHT,
            Html.attribute(caption)));
    // Three horizontal grid lines with their values.
    for (int k = 0; k <= 2; k++) {
      double v = min + (max - min) * k / 2;
      double y = TOP + plotHeight() * (max - v) / (max - min);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                  + "<text class=\"y\" x=\"%d\" y=\"%.1f\">%s</text>",
              LEFT,
              y,
              WIDTH - RIGHT,
              y,
              LEFT - 6,
              y + 4,
              Html.text(tick(v))));
    }
    double step = plotWidth() / Math.max(points.size(), 1);
    int every = Math.max(1, (int) Math.ceil(points.size() / (double) X_LABELS));
    for (int i = 0; i < points.size(); i += every) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"x\" x=\"%.1f\" y=\"%d\">%s</text>",
              LEFT + i * step + step / 2,
              HEIGHT - BOTTOM + 18,
              Html.text(points.get(i).label())));
    }
    return svg;
  }

  private static String close(StringBuilder svg, List<Point> points) {
    int shown = 0;
    for (Point p : points) {
      if (p.value() != null) {
        shown++;
      }
    }
    return close(svg, shown);
  }

  private static String close(StringBuilder svg, int shown) {
    if (shown == 0) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text class=\"empty\" x=\"%d\" y=\"%d\">no value in any period</text>",
              WIDTH / 2,
              HEIGHT / 2));
    }
    svg.append("</svg></figure>");
    int at = svg.indexOf("<figure class=\"chart\"") + "<figure class=\"chart\"".length();
    svg.insert(at, " data-points=\"" + shown + "\"");
    return svg.toString();
  }

  private static String link(String href, String element) {
    return href == null ? element : "<a href=\"" + Html.attribute(href) + "\">" + element + "</a>";
  }

  private static String tick(double v) {
    return Math.abs(v - Math.rint(v)) < 1e-9
        ? Long.toString(Math.round(v))
        : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static double plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  private static double plotHeight() {
    return HEIGHT - TOP - BOTTOM;
  }
}
