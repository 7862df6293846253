package org.newsgraph.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.newsgraph.annotate.AnnotateJob;
import org.newsgraph.config.Settings;
import org.newsgraph.ingest.IngestJob;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.newsgraph.periods.AggregateJob;
import org.newsgraph.periods.AggregateReport;
import org.newsgraph.runs.RunRecord;
import org.newsgraph.tables.TableDef;
import org.newsgraph.tables.Tables;

/**
 * The whole pipeline in one go: ingest, annotate, aggregate, as one run (one run id and run date on
 * every row, one row in the runs table); ends with a printed summary.
 */
public final class RunJob {

  /** The reports of the three stages. */
  public record Summary(
      IngestJob.Report ingest, AnnotateJob.Report annotate, AggregateReport aggregate) {

    /** Prints the summary a person reads at the end of a run. */
    public void print(PrintStream out, String output) {
      out.println();
      out.println("newsgraph summary");
      out.printf(Locale.ROOT, "  input files        %,d%n", ingest.files());
      out.printf(
          Locale.ROOT,
          "  records read       %,d = %,d articles + %,d quarantined%n",
          ingest.read(),
          ingest.articles(),
          ingest.quarantined());
      for (Map.Entry<String, Long> r : ingest.quarantineReasons().entrySet()) {
        out.printf(Locale.ROOT, "    quarantined      %,d %s%n", r.getValue(), r.getKey());
      }
      out.printf(
          Locale.ROOT,
          "  articles           %,d added, %,d updated; %,d in the output%n",
          ingest.added(),
          ingest.updated(),
          ingest.corpusArticles());
      out.printf(
          Locale.ROOT,
          "  stories            %,d in the output (%,d articles are near-duplicate copies)%n",
          ingest.stories(),
          ingest.duplicateArticles());
      out.printf(
          Locale.ROOT,
          "  text repairs       %,d glued words split in %,d articles; %,d wire datelines; %,d"
              + " truncated%n",
          ingest.repairs(),
          ingest.repairedArticles(),
          ingest.datelines(),
          ingest.truncated());
      out.printf(
          Locale.ROOT,
          "  annotated          %,d articles, %,d reused from earlier runs%n",
          annotate.annotated(),
          annotate.reused());
      out.printf(
          Locale.ROOT,
          "  annotation failed  %,d errors, %,d timeouts (quarantined, stage annotate)%n",
          annotate.errors(),
          annotate.timeouts());
      out.printf(Locale.ROOT, "  mentions           %,d%n", annotate.mentions());
      StringBuilder names = new StringBuilder();
      for (EntityCanonicalizer.Resolution r : EntityCanonicalizer.Resolution.values()) {
        String rule = r.value();
        names.append(names.length() == 0 ? "" : ", ");
        names.append(
            String.format(
                Locale.ROOT, "%,d %s", aggregate.resolutions().getOrDefault(rule, 0L), rule));
      }
      out.printf(Locale.ROOT, "  entity names       %s%n", names);
      out.printf(
          Locale.ROOT,
          "  entities           %,d on %,d days%n",
          aggregate.entities(),
          aggregate.days());
      out.printf(Locale.ROOT, "  co-mention pairs   %,d%n", aggregate.pairs());
      if (aggregate.cappedArticles() > 0) {
        out.printf(
            Locale.ROOT,
            "  capped articles    %,d (only their most-mentioned entities are paired; see %s)%n",
            aggregate.cappedArticles(),
            Tables.CAPPED_ARTICLES.name());
      }
      out.printf(
          Locale.ROOT,
          "  periods            %,d recomputed, %,d unchanged, %,d removed (day, week, month)%n",
          aggregate.periodsWritten(),
          aggregate.periodsUnchanged(),
          aggregate.periodsRemoved());
      out.printf(
          Locale.ROOT,
          "  tables             %s/{%s}%n",
          output,
          String.join(",", Tables.ALL.stream().map(TableDef::name).toList()));
      if (aggregate.lastPeriod() == null) {
        out.println();
        out.println("no co-mention pairs");
        return;
      }
      out.println();
      out.printf(
          Locale.ROOT,
          "top %d co-mention pairs of %s by documents (documents, stories, sentences)%n",
          aggregate.topByDocuments().size(),
          aggregate.lastPeriod());
      for (AggregateReport.Pair p : aggregate.topByDocuments()) {
        out.printf(
            Locale.ROOT,
            "  %6d %6d %6d  %s — %s%n",
            p.documents(),
            p.stories(),
            p.sentences(),
            p.entityA(),
            p.entityB());
      }
      out.println();
      if (aggregate.topByNpmi().isEmpty()) {
        out.printf(
            Locale.ROOT,
            "top co-mention pairs of %s by NPMI: no pair has the minimum support%n",
            aggregate.lastPeriod());
        return;
      }
      out.printf(
          Locale.ROOT,
          "top %d co-mention pairs of %s by NPMI (npmi, documents)%n",
          aggregate.topByNpmi().size(),
          aggregate.lastPeriod());
      for (AggregateReport.Pair p : aggregate.topByNpmi()) {
        out.printf(
            Locale.ROOT,
            "  %6.3f %6d  %s — %s%n",
            p.npmi(),
            p.documents(),
            p.entityA(),
            p.entityB());
      }
    }
  }

  private RunJob() {}

  /** The pipeline as one recorded run (see {@link RunRecord}). */
  public static Summary run(SparkSession spark, Settings settings) {
    RunRecord run = RunRecord.start("run", settings);
    check(settings, run);
    return run.record(spark, settings.output(), () -> run(spark, settings, run));
  }

  /** Checks the settings of all three stages before any work (exit code 2 on a bad value). */
  static void check(Settings settings, RunRecord run) {
    IngestJob.check(settings, run);
    AnnotateJob.check(settings);
    AggregateJob.check(settings);
  }

  /** The three stages, each with the run's id and date. */
  public static Summary run(SparkSession spark, Settings settings, RunRecord run) {
    IngestJob.Report ingest = IngestJob.run(spark, settings, run);
    AnnotateJob.Report annotate = AnnotateJob.run(spark, settings, run);
    AggregateReport aggregate = AggregateJob.run(spark, settings, run);
    return new Summary(ingest, annotate, aggregate);
  }
}
