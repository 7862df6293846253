package org.newsgraph.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.errors.NewsgraphErrors;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.newsgraph.periods.Grain;
import org.newsgraph.query.EntityLookup;
import org.newsgraph.query.EntityNames;
import org.newsgraph.query.EntityReport;
import org.newsgraph.query.OutputQuery;
import org.newsgraph.query.PairSeries;
import org.newsgraph.runs.Progress;
import org.newsgraph.tables.TableIO;
import org.newsgraph.tables.Tables;

/**
 * {@code newsgraph report}: reads an output's tables and writes a static HTML site (see {@link
 * ReportSite}) for the latest period's top and rising pairs, the pairs asked for, and every entity
 * of those pairs. The site is written under {@code to}; its earlier pages are replaced.
 */
public final class ReportJob {

  /**
   * What to report.
   *
   * @param pairs pairs of names asked for (any spelling), each two names
   * @param top how many top and how many rising pairs of the latest period
   * @param grain the grain of the charts and of "the latest period"
   * @param to the directory of the site
   */
  public record Request(List<String[]> pairs, int top, Grain grain, Path to) {}

  /** What was written. */
  public record Result(Path index, int pairPages, int entityPages) {}

  /**
   * The marker of a newsgraph report in its index page: a directory holding one may be replaced.
   */
  public static final String GENERATOR = "<meta name=\"generator\" content=\"newsgraph report\">";

  // Partners drawn on an entity page.
  private static final int PARTNERS = 6;

  private record Pair(String a, String typeA, String b, String typeB) {}

  private ReportJob() {}

  public static Result run(
      SparkSession spark,
      String output,
      EntityCanonicalizer canonicalizer,
      Request request,
      PrintStream out) {
    OutputQuery.registerViews(spark, output);
    for (var table : List.of(Tables.COMENTION_COUNTS, Tables.AGGREGATE_PERIODS, Tables.ENTITIES)) {
      if (!spark.catalog().tableExists(table.name())) {
        throw NewsgraphErrors.tableMissing(
            table.name(), TableIO.path(output, table), table.producer());
      }
    }
    Grain grain = request.grain();
    Map<String, Pair> pairs = new LinkedHashMap<>();
    if (!request.pairs().isEmpty()) {
      EntityLookup lookup = EntityNames.load(spark, output, canonicalizer);
      for (String[] names : request.pairs()) {
        EntityLookup.Match a = EntityNames.resolve(lookup, names[0]);
        EntityLookup.Match b = EntityNames.resolve(lookup, names[1]);
        if (a.entry().entity().equals(b.entry().entity())) {
          throw NewsgraphErrors.samePairEntity(names[0], names[1], a.entry().entity());
        }
        add(
            pairs,
            new Pair(a.entry().entity(), a.entry().type(), b.entry().entity(), b.entry().type()));
      }
    }
    Row latest =
        spark
            .table(Tables.AGGREGATE_PERIODS.name())
            .where(col(Tables.GRAIN).equalTo(grain.id()))
            .agg(max(col(Tables.PERIOD_START)).as(Tables.PERIOD_START))
            .first();
    List<ReportSite.PairRow> top = List.of();
    List<ReportSite.PairRow> rising = List.of();
    String period = "none";
    if (!latest.isNullAt(0)) {
      Date start = latest.getAs(Tables.PERIOD_START);
      Dataset<Row> ofPeriod =
          spark
              .table(Tables.COMENTION_COUNTS.name())
              .where(
                  col(Tables.GRAIN)
                      .equalTo(grain.id())
                      .and(col(Tables.PERIOD_START).equalTo(lit(start))));
      top =
          rows(
              ofPeriod.orderBy(
                  col(Tables.DOCUMENTS).desc(),
                  col(Tables.SURPRISE).desc_nulls_last(),
                  col(Tables.ENTITY_A),
                  col(Tables.ENTITY_B)),
              request.top(),
              pairs);
      rising =
          rows(
              ofPeriod
                  .where(col(Tables.SURPRISE).gt(0))
                  .orderBy(
                      col(Tables.SURPRISE).desc(),
                      col(Tables.DOCUMENTS).desc(),
                      col(Tables.ENTITY_A),
                      col(Tables.ENTITY_B)),
              request.top(),
              pairs);
      period =
          spark
              .table(Tables.AGGREGATE_PERIODS.name())
              .where(
                  col(Tables.GRAIN)
                      .equalTo(grain.id())
                      .and(col(Tables.PERIOD_START).equalTo(lit(start))))
              .select(Grain.label())
              .first()
              .getString(0);
    }
    Progress.stage(
        "report",
        "{} pair pages and their entities, by {}, latest period {}, into {}",
        pairs.size(),
        grain.id(),
        period,
        request.to());

    Path to = request.to();
    prepare(to);
    Set<String> entities = new LinkedHashSet<>();
    Map<String, String> types = new LinkedHashMap<>();
    List<String[]> pairPages = new ArrayList<>();
    int done = 0;
    for (Pair p : pairs.values()) {
      List<PairSeries.Point> points = PairSeries.series(spark, p.a(), p.b(), grain, null, null);
      List<LocalDate> starts =
          points.stream().filter(pt -> pt.documents() > 0).map(PairSeries.Point::start).toList();
      List<PairSeries.Evidence> evidence = PairSeries.evidence(spark, p.a(), p.b(), grain, starts);
      write(
          to.resolve(ReportSite.pairFile(p.a(), p.b())),
          ReportSite.pairPage(
              new ReportSite.PairPage(
                  p.a(), p.typeA(), p.b(), p.typeB(), grain.id(), points, evidence)));
      pairPages.add(new String[] {p.a(), p.b()});
      entities.add(p.a());
      entities.add(p.b());
      types.putIfAbsent(p.a(), p.typeA());
      types.putIfAbsent(p.b(), p.typeB());
      done++;
      if (done % 10 == 0) {
        Progress.stage("report", "{} of {} pair pages written", done, pairs.size());
      }
    }
    Set<String> pairFiles = new LinkedHashSet<>();
    pairs.values().forEach(p -> pairFiles.add(ReportSite.pairFile(p.a(), p.b())));
    for (String entity : entities) {
      write(
          to.resolve(ReportSite.entityFile(entity)),
          ReportSite.entityPage(entityPage(spark, entity, types.get(entity), grain, pairFiles)));
    }
    Path index = to.resolve("index.html");
    write(
        index,
        ReportSite.index(
            new ReportSite.Index(
                grain.id(),
                period,
                ZonedDateTime.now(ZoneOffset.UTC)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)),
                top,
                rising,
                pairPages,
                new ArrayList<>(entities))));
    out.printf(
        Locale.ROOT,
        "report: %s (%d pair pages, %d entity pages); open it in a browser%n",
        index.toAbsolutePath(),
        pairs.size(),
        entities.size());
    return new Result(index, pairs.size(), entities.size());
  }

  /** The rows of a period's pairs, at most {@code limit}; each pair gets a page. */
  private static List<ReportSite.PairRow> rows(
      Dataset<Row> ordered, int limit, Map<String, Pair> pairs) {
    List<ReportSite.PairRow> rows = new ArrayList<>();
    for (Row r : ordered.limit(limit).collectAsList()) {
      String a = r.getAs(Tables.ENTITY_A);
      String b = r.getAs(Tables.ENTITY_B);
      add(pairs, new Pair(a, r.getAs(Tables.ENTITY_TYPE_A), b, r.getAs(Tables.ENTITY_TYPE_B)));
      rows.add(
          new ReportSite.PairRow(
              a,
              b,
              r.<Long>getAs(Tables.DOCUMENTS),
              r.<Long>getAs(Tables.STORIES),
              r.<Long>getAs(Tables.SENTENCE_COUNT),
              r.getAs(Tables.SENTIMENT_MEAN),
              r.getAs(Tables.NPMI),
              r.getAs(Tables.SURPRISE)));
    }
    return rows;
  }

  private static void add(Map<String, Pair> pairs, Pair p) {
    pairs.putIfAbsent(ReportSite.pairFile(p.a(), p.b()), p);
  }

  private static ReportSite.EntityPage entityPage(
      SparkSession spark, String entity, String type, Grain grain, Set<String> pairFiles) {
    Row row = EntityNames.row(spark, entity, type);
    List<ReportSite.Spelling> spellings = new ArrayList<>();
    for (Row v : row.<Row>getList(row.fieldIndex(Tables.VARIANTS))) {
      spellings.add(
          new ReportSite.Spelling(
              v.getAs(Tables.SURFACE),
              v.<Long>getAs(Tables.MENTION_COUNT),
              v.<Long>getAs(Tables.DOCUMENTS)));
    }
    Column ofEntity =
        col(Tables.GRAIN)
            .equalTo(grain.id())
            .and(col(Tables.ENTITY).equalTo(entity))
            .and(col(Tables.ENTITY_TYPE).equalTo(type));
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Row r :
        spark
            .table(Tables.ENTITY_COUNTS.name())
            .where(ofEntity)
            .select(Grain.label().as(Tables.PERIOD), col(Tables.DOCUMENTS))
            .collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    Row span =
        spark
            .table(Tables.ENTITY_COUNTS.name())
            .where(ofEntity)
            .agg(min(Tables.PERIOD_START), max(Tables.PERIOD_START))
            .first();
    List<ReportSite.Count> series = new ArrayList<>();
    if (!span.isNullAt(0)) {
      for (Row r :
          spark
              .table(Tables.AGGREGATE_PERIODS.name())
              .where(
                  col(Tables.GRAIN)
                      .equalTo(grain.id())
                      .and(col(Tables.PERIOD_START).between(lit(span.get(0)), lit(span.get(1)))))
              .orderBy(Tables.PERIOD_START)
              .select(Grain.label())
              .collectAsList()) {
        series.add(new ReportSite.Count(r.getString(0), counts.getOrDefault(r.getString(0), 0L)));
      }
    }
    List<EntityReport.Partner> top = EntityReport.partners(spark, entity, null, null, PARTNERS);
    Map<String, List<ReportSite.Count>> byPartner = new LinkedHashMap<>();
    if (!top.isEmpty()) {
      for (Row r :
          PairSeries.partners(spark, entity, grain)
              .where(
                  col(Tables.ENTITY_B).isin(top.stream().map(p -> (Object) p.entity()).toArray()))
              .select(col(Tables.ENTITY_B), Grain.label().as(Tables.PERIOD), col(Tables.DOCUMENTS))
              .collectAsList()) {
        byPartner
            .computeIfAbsent(r.getString(0), k -> new ArrayList<>())
            .add(new ReportSite.Count(r.getString(1), r.getLong(2)));
      }
    }
    List<ReportSite.Partner> partners = new ArrayList<>();
    for (EntityReport.Partner p : top) {
      partners.add(
          new ReportSite.Partner(
              p.entity(), p.type(), p.documents(), byPartner.getOrDefault(p.entity(), List.of())));
    }
    return new ReportSite.EntityPage(
        entity,
        type,
        row.<Long>getAs(Tables.MENTION_COUNT),
        row.<Long>getAs(Tables.DOCUMENTS),
        row.<Long>getAs(Tables.SOURCES),
        row.<Date>getAs(Tables.FIRST_DATE).toLocalDate(),
        row.<Date>getAs(Tables.LAST_DATE).toLocalDate(),
        grain.id(),
        spellings,
        series,
        partners,
        pairFiles);
  }

  /**
   * Checks that {@code to} can hold the report: absent, empty, or an earlier report (its index page
   * says so), never another directory whose files would be mixed with the report's.
   */
  public static void checkTarget(Path to) {
    if (Files.isRegularFile(to)) {
      throw NewsgraphErrors.usage(
          "--to " + to + " is a file.", "Give --to a directory for the report's pages.");
    }
    if (!Files.isDirectory(to)) {
      return;
    }
    try (Stream<Path> files = Files.list(to)) {
      if (files.findAny().isEmpty()) {
        return;
      }
      Path index = to.resolve("index.html");
      if (!Files.isRegularFile(index)
          || !Files.readString(index, StandardCharsets.UTF_8).contains(GENERATOR)) {
        throw NewsgraphErrors.usage(
            "--to " + to + " holds files that are not a newsgraph report.",
            "Give --to an empty or new directory, or the directory of an earlier report (its"
                + " pages are replaced).");
      }
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure("read", to.toString(), e);
    }
  }

  /** Creates the site's directories and removes the pages of an earlier report. */
  private static void prepare(Path to) {
    checkTarget(to);
    try {
      for (String dir : List.of(ReportSite.PAIRS, ReportSite.ENTITIES)) {
        Path d = to.resolve(dir);
        Files.createDirectories(d);
        try (Stream<Path> pages = Files.list(d)) {
          for (Path page : pages.filter(f -> f.toString().endsWith(".html")).toList()) {
            Files.delete(page);
          }
        }
      }
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure("prepare the report directory", to.toString(), e);
    }
  }

  private static void write(Path file, String html) {
    try {
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw NewsgraphErrors.ioFailure("write", file.toString(), e);
    }
  }
}
