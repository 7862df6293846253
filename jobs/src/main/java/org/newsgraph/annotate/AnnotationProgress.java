package org.newsgraph.annotate;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.newsgraph.runs.Progress;

/**
 * Progress lines while CoreNLP runs: "annotate: 1,210 of 20,336 articles (6.0%), 1.1 M of 19.8 M
 * words, 4,120 words/s, about 1 h 16 min left", at most one every {@code intervalSeconds}, and a
 * last one when every partition is done. It counts the tasks of the annotation job's last stage as
 * they succeed, each with the articles and words the {@link TextPartitions.Plan} put in its
 * partition; a retried partition counts once. Registered on the Spark context for the annotation
 * job only (by its job group).
 */
final class AnnotationProgress extends SparkListener {

  private final String jobGroup;
  private final TextPartitions.Plan plan;
  private final long intervalNanos;
  private final long started = System.nanoTime();
  private final Set<Integer> stages = new HashSet<>();
  private final BitSet done = new BitSet();
  private long articlesDone;
  private long wordsDone;
  private long lastLine = started;

  AnnotationProgress(String jobGroup, TextPartitions.Plan plan, int intervalSeconds) {
    this.jobGroup = jobGroup;
    this.plan = plan;
    this.intervalNanos = intervalSeconds * 1_000_000_000L;
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart jobStart) {
    if (jobStart.properties() == null
        || !jobGroup.equals(jobStart.properties().getProperty("spark.jobGroup.id"))) {
      return;
    }
    // The stage that runs CoreNLP reads the packed partitions: as many tasks as the plan has.
    scala.collection.Iterator<StageInfo> it = jobStart.stageInfos().iterator();
    int last = -1;
    while (it.hasNext()) {
      StageInfo stage = it.next();
      if (stage.numTasks() == plan.partitions()) {
        last = Math.max(last, stage.stageId());
      }
    }
    if (last >= 0) {
      stages.add(last);
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (!stages.contains(taskEnd.stageId()) || taskEnd.reason() != Success$.MODULE$) {
      return;
    }
    int partition = taskEnd.taskInfo().partitionId();
    if (partition < 0 || partition >= plan.partitions() || done.get(partition)) {
      return;
    }
    done.set(partition);
    articlesDone += plan.articles()[partition];
    wordsDone += plan.words()[partition];
    long now = System.nanoTime();
    if (now - lastLine >= intervalNanos || done.cardinality() == plan.partitions()) {
      lastLine = now;
      Progress.stage("annotate", line(articlesDone, wordsDone, now - started));
    }
  }

  /** The progress line for what is done after {@code elapsedNanos}. */
  String line(long articles, long words, long elapsedNanos) {
    long totalArticles = plan.totalArticles();
    long totalWords = plan.totalWords();
    double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
    double rate = words / seconds;
    String left =
        words >= totalWords
            ? "done"
            : rate <= 0
                ? "time left unknown"
                : "about " + duration((totalWords - words) / rate) + " left";
    return String.format(
        Locale.ROOT,
        "%,d of %,d articles (%.1f%%), %s of %s words, %,.0f words/s, %s",
        articles,
        totalArticles,
        totalArticles == 0 ? 100.0 : 100.0 * articles / totalArticles,
        words(words),
        words(totalWords),
        rate,
        left);
  }

  static String words(long n) {
    return n < 1_000_000
        ? String.format(Locale.ROOT, "%,d", n)
        : String.format(Locale.ROOT, "%.1f M", n / 1e6);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min " + (s % 60) + " s";
    }
    return (s / 3600) + " h " + ((s % 3600) / 60) + " min";
  }
}
