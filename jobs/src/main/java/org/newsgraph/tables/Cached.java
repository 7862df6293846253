package org.newsgraph.tables;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Intermediate datasets that a stage reads several times, computed once: persisted (memory,
 * spilling to disk) and computed at once, before the first query that uses them. The caller
 * unpersists them, with {@link #release} when there are several. They are recomputed from their
 * lineage if an executor that held them is lost. They hold the rows as computed: a later commit to
 * a table they were read from does not change them.
 */
public final class Cached {

  private Cached() {}

  /**
   * The dataset, persisted and already computed. Persisting alone is not enough: a query that uses
   * a dataset in several branches (the self-joins of the pairs, the surprise baselines) starts
   * those branches as concurrent stages before the cache holds anything. Measured on 400 articles:
   * the {@code mentions} write ran 23 concurrent stages of 10 tasks over the named mentions, 64 s
   * of task time, against 45 s for computing them first and then writing.
   */
  public static Dataset<Row> of(Dataset<Row> df) {
    // The rows are persisted detached from the plan that computed them, so later queries on them
    // are analysed and described (the plan text and tree each query posts to Spark's listeners)
    // without repeating that plan. On small data planning takes most of the driver's time: in a
    // profile of PeriodTablesTest (aggregate runs on a few articles) analysis took 27% of all
    // samples before and 14% after, and the class ran in 181 s instead of 203 s. The scan keeps
    // the dataset's lineage: lost blocks are recomputed.
    Dataset<Row> cached = detached(df).persist(StorageLevel.MEMORY_AND_DISK());
    cached.count();
    return cached;
  }

  /**
   * The rows of a dataset as a dataset whose plan starts from their RDD, not from the plan that
   * computes them. Unlike a local checkpoint the RDD keeps its lineage, so lost partitions can be
   * computed again. A commit to a table the dataset reads does not make Spark plan it again, as it
   * does for a persisted dataset that reads the table.
   */
  public static Dataset<Row> detached(Dataset<Row> df) {
    return df.sparkSession().createDataFrame(df.javaRDD(), df.schema());
  }

  /**
   * Unpersists datasets in the reverse of the order they were persisted in, so each goes before the
   * ones it was computed from. Unpersisting a dataset makes Spark plan again every persisted
   * dataset computed from it that is not computed in full (persisted and not used yet, or used by a
   * {@code first()}); on Delta tables each plan lists the table's files with Spark jobs of its own.
   * Released first to last, the datasets ingest persists were planned again 10 times after the
   * stage of one small night had ended.
   */
  public static void release(List<? extends Dataset<?>> datasets) {
    for (int i = datasets.size() - 1; i >= 0; i--) {
      datasets.get(i).unpersist();
    }
  }
}
