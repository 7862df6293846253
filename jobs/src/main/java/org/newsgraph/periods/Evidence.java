package org.newsgraph.periods;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.newsgraph.tables.Tables;
import org.newsgraph.udfs.AnnotationSchema;
import org.newsgraph.udfs.AnnotationSchema.SentenceFields;

/**
 * The {@code comention_evidence} table: per period and pair, the top-k shared sentences, one per
 * story before any story gives a second, with their source, date, title and text.
 */
public final class Evidence {

  private Evidence() {}

  /**
   * The top-k shared sentences per pair and period. Order: each story's first sentence (from its
   * canonical article if that article has one, then the earliest date, article_id, sentence) before
   * any story's second; then by date, article_id and sentence index.
   */
  public static Dataset<Row> compute(
      PeriodInputs in,
      Dataset<Row> documents,
      Dataset<Row> annotations,
      Dataset<Row> articles,
      PeriodOptions options) {
    Dataset<Row> withCanonical =
        in.sentencePairs()
            .join(
                documents.select(Tables.ARTICLE_ID, Tables.IS_CANONICAL),
                PeriodKeys.seq(List.of(Tables.ARTICLE_ID)));
    WindowSpec inStory =
        Window.partitionBy(
                col(Tables.GRAIN),
                col(Tables.PERIOD_START),
                col(Tables.ENTITY_A),
                col(Tables.ENTITY_B),
                col(Tables.STORY_ID))
            .orderBy(
                col(Tables.IS_CANONICAL).desc(),
                col(Tables.DATE),
                col(Tables.ARTICLE_ID),
                col(Tables.SENTENCE_INDEX));
    WindowSpec inPair =
        Window.partitionBy(
                col(Tables.GRAIN),
                col(Tables.PERIOD_START),
                col(Tables.ENTITY_A),
                col(Tables.ENTITY_B))
            .orderBy(
                col("_in_story"),
                col(Tables.DATE),
                col(Tables.ARTICLE_ID),
                col(Tables.SENTENCE_INDEX));
    Dataset<Row> top =
        withCanonical
            .withColumn("_in_story", row_number().over(inStory))
            .withColumn(Tables.RANK, row_number().over(inPair))
            .where(col(Tables.RANK).leq(options.evidencePerPair()))
            .drop("_in_story", Tables.IS_CANONICAL);
    var sentence = element_at(col(AnnotationSchema.SENTENCES), col(Tables.SENTENCE_INDEX).plus(1));
    List<String> columns = Tables.COMENTION_EVIDENCE.columns();
    List<Column> selected = new ArrayList<>();
    // The text travels in the sentence column's place; SentenceText cuts the sentence out of it.
    columns.forEach(c -> selected.add(col(c.equals(Tables.SENTENCE) ? Tables.TEXT : c)));
    selected.add(sentence.getField(SentenceFields.CHAR_BEGIN));
    selected.add(sentence.getField(SentenceFields.CHAR_END));
    // Only the top rows meet the texts and sentence offsets.
    return top.join(
            documents.select(Tables.ARTICLE_ID, Tables.TITLE),
            PeriodKeys.seq(List.of(Tables.ARTICLE_ID)))
        .join(
            articles.select(Tables.ARTICLE_ID, Tables.TEXT),
            PeriodKeys.seq(List.of(Tables.ARTICLE_ID)))
        .join(
            annotations.select(Tables.ARTICLE_ID, AnnotationSchema.SENTENCES),
            PeriodKeys.seq(List.of(Tables.ARTICLE_ID)))
        .withColumn(Tables.PERIOD, Grain.label())
        .select(selected.toArray(Column[]::new))
        .mapPartitions(
            new SentenceText(columns.indexOf(Tables.SENTENCE), columns.size()),
            Encoders.row(Tables.COMENTION_EVIDENCE.schema()));
  }

  /**
   * Replaces the article text at {@code index} by the sentence between the two offsets that follow
   * the row's columns. In Java because CoreNLP's offsets count UTF-16 units, and Spark's substring
   * counts code points.
   */
  private record SentenceText(int index, int width) implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          Object[] values = new Object[width];
          for (int i = 0; i < width; i++) {
            values[i] = r.get(i);
          }
          String text = r.getString(index);
          values[index] = text.substring(r.getInt(width), r.getInt(width + 1));
          return RowFactory.create(values);
        }
      };
    }
  }
}
