package org.newsgraph.entities;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.explode_outer;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.newsgraph.nlp.AliasTable;
import org.newsgraph.nlp.CorpusGazetteer;
import org.newsgraph.nlp.EntityCanonicalizer;
import org.newsgraph.nlp.EntityCanonicalizer.Resolution;
import org.newsgraph.nlp.UntaggedNames;
import org.newsgraph.runs.Progress;
import org.newsgraph.tables.Tables;
import org.newsgraph.udfs.AnnotationSchema;
import org.newsgraph.udfs.AnnotationSchema.NamedFields;
import org.newsgraph.udfs.AnnotationSchema.SentenceFields;
import org.newsgraph.udfs.NewsgraphFunctions;

/**
 * The last corpus-level naming rule: person names CoreNLP left untagged are mentions too (README,
 * "Entity names", rule 11). After {@link CorpusNames} has named every tagged mention, the corpus's
 * written names of persons make a gazetteer ({@link CorpusGazetteer#of}: names the corpus tags as
 * one person, family names of one dominant person, person aliases). Where an article writes such a
 * name and no mention covers it, {@link UntaggedNames#find} makes it a mention of that person:
 * {@code mention_type} {@link #NO_TYPE} (CoreNLP gave none), {@code resolution} {@link #GAZETTEER}.
 * A one-word person mention left as itself by its article and by rule 9 (too few articles to
 * decide, or none) takes the person of its written name too, with the same resolution. A one-word
 * name that the corpus also writes in lower case as a word in at least {@code minDocuments}
 * articles ("sessions", "price") counts only inside a sentence and before a word in lower case or
 * punctuation, where its capital says it is a name. A rare person name that is two written names of
 * two persons run together ("Trump Ocasio-Cortez") is those two mentions.
 *
 * <p>Deterministic: the gazetteer is a function of the named mentions and the alias table, ties
 * broken by name.
 */
public final class UntaggedMentions {

  /** {@code mentions.resolution} of a name CoreNLP left untagged. */
  public static final String GAZETTEER = Resolution.GAZETTEER.value();

  /** {@code mentions.mention_type} of a name CoreNLP left untagged: its own word for no entity. */
  public static final String NO_TYPE = "O";

  private static final String N = "_n";
  private static final String H = "_h";
  private static final String P = "_parts";

  private UntaggedMentions() {}

  /**
   * The mentions after rule 11: the named mentions, where a bare person name left as itself takes
   * the person of its written name, and the untagged written names as further mentions. With the
   * columns of the {@code mentions} table. Registers {@code ng_untagged_names} with the gazetteer.
   *
   * @param named the mentions as {@link CorpusNames} named them; read several times, so persist it
   * @param decisions the {@code name_resolution} rows of the same run
   * @param annotations the {@code annotations} table
   * @param articles the {@code articles} table
   * @param aliases the alias table, whose person aliases are written names too
   */
  public static Dataset<Row> apply(
      SparkSession spark,
      Dataset<Row> named,
      Dataset<Row> decisions,
      Dataset<Row> annotations,
      Dataset<Row> articles,
      AliasTable aliases,
      CorpusNames.Options options) {
    UntaggedNames gazetteer = gazetteer(named, aliases, options);
    Progress.stage(
        "aggregate",
        "{} written names of persons looked for where CoreNLP tagged nothing; {} spans of"
            + " longer person names (first words cut short, last words a family name)",
        gazetteer.size(),
        gazetteer.spans().size());
    if (gazetteer.size() == 0 && gazetteer.spans().isEmpty()) {
      return named;
    }
    NewsgraphFunctions.registerUntaggedNames(spark, gazetteer);
    Dataset<Row> renamed =
        splitRunTogether(renameBareNames(spark, named, decisions, gazetteer), gazetteer);
    return renamed.unionByName(untagged(renamed, annotations, articles, options));
  }

  /**
   * A person mention left as a rare name that is two written names run together ({@link
   * UntaggedNames#runTogether}: "Trump Ocasio-Cortez", one scraped link's text run into the next)
   * becomes the two persons, each a mention at its own words ({@link #GAZETTEER}).
   */
  private static Dataset<Row> splitRunTogether(Dataset<Row> named, UntaggedNames gazetteer) {
    if (gazetteer.runTogether().isEmpty()) {
      return named;
    }
    Column candidate =
        col(Tables.RESOLUTION)
            .equalTo(Resolution.EXACT.value())
            .and(col(Tables.ENTITY_TYPE).equalTo(EntityCanonicalizer.PERSON))
            .and(col(Tables.ENTITY).isin(gazetteer.runTogether().toArray()));
    // One pass: a mention that does not split keeps its row (explode_outer of no parts gives one
    // row with none); a branch per case would compute the mentions twice.
    Dataset<Row> withParts =
        named.withColumn(
            P,
            explode_outer(
                when(
                    candidate,
                    call_udf(
                        NewsgraphFunctions.RUN_TOGETHER,
                        col(Tables.SURFACE),
                        col(Tables.ENTITY),
                        col(Tables.CHAR_BEGIN),
                        col(Tables.CHAR_END)))));
    Column split = col(P).isNotNull();
    List<Column> columns = new ArrayList<>();
    for (String c : Tables.MENTIONS_TABLE.columns()) {
      columns.add(
          switch (c) {
            case Tables.CHAR_BEGIN -> coalesce(col(P + "." + NamedFields.CHAR_BEGIN), col(c)).as(c);
            case Tables.CHAR_END -> coalesce(col(P + "." + NamedFields.CHAR_END), col(c)).as(c);
            case Tables.SURFACE -> coalesce(col(P + "." + NamedFields.SURFACE), col(c)).as(c);
            case Tables.ENTITY -> coalesce(col(P + "." + NamedFields.ENTITY), col(c)).as(c);
            case Tables.RESOLUTION -> when(split, lit(GAZETTEER)).otherwise(col(c)).as(c);
            default -> col(c);
          });
    }
    return withParts.select(columns.toArray(Column[]::new));
  }

  /**
   * A one-word person mention its article and the corpus left as itself ({@code exact}; rule 9
   * found too few articles to decide, or none) takes the person of that written name ("Sessions",
   * in a month where four articles resolve it, is Jeff Sessions when he dominates the family name);
   * a person mention of more words left so that is a span of the corpus ({@link
   * UntaggedNames#spans}: "Kim Jong" cut short, the family name "Ocasio Cortez") takes its person.
   * A name rule 9 found ambiguous or not a person stays as it is.
   */
  private static Dataset<Row> renameBareNames(
      SparkSession spark, Dataset<Row> named, Dataset<Row> decisions, UntaggedNames gazetteer) {
    List<Row> rows = new ArrayList<>();
    gazetteer
        .names()
        .forEach((written, person) -> rows.add(RowFactory.create(written, person, false)));
    gazetteer.spans().forEach((span, person) -> rows.add(RowFactory.create(span, person, true)));
    Dataset<Row> entries =
        spark
            .createDataFrame(
                rows,
                new StructType()
                    .add("_written", DataTypes.StringType, false)
                    .add("_person", DataTypes.StringType, false)
                    .add("_span", DataTypes.BooleanType, false))
            .join(
                decisions.where(
                    col(Tables.DECISION).isin(CorpusNames.AMBIGUOUS, CorpusNames.NOT_A_PERSON)),
                col("_written").equalTo(col(Tables.SHORT_NAME)),
                "left_anti");
    // A one-word name takes a written name's person, a longer one a span's: each name
    // matches one entry at most.
    Column bare =
        col(Tables.RESOLUTION)
            .equalTo(Resolution.EXACT.value())
            .and(col(Tables.ENTITY_TYPE).equalTo(EntityCanonicalizer.PERSON))
            .and(col(Tables.ENTITY).contains(" ").equalTo(col("_span")));
    Column apply = col("_person").isNotNull().and(col("_person").notEqual(col(Tables.ENTITY)));
    List<Column> columns = new ArrayList<>();
    for (String c : Tables.MENTIONS_TABLE.columns()) {
      columns.add(
          switch (c) {
            case Tables.ENTITY -> when(apply, col("_person")).otherwise(col(c)).as(c);
            case Tables.RESOLUTION -> when(apply, lit(GAZETTEER)).otherwise(col(c)).as(c);
            default -> col(c);
          });
    }
    return named
        .join(broadcast(entries), bare.and(col(Tables.ENTITY).equalTo(col("_written"))), "left")
        .select(columns.toArray(Column[]::new));
  }

  /** The untagged written names of every article, as mentions. */
  private static Dataset<Row> untagged(
      Dataset<Row> named,
      Dataset<Row> annotations,
      Dataset<Row> articles,
      CorpusNames.Options options) {
    List<Column> columns = new ArrayList<>();
    Dataset<Row> perArticle =
        named
            .groupBy(Tables.ARTICLE_ID)
            .agg(
                collect_list(
                        struct(
                            col(Tables.CHAR_BEGIN).as(NamedFields.CHAR_BEGIN),
                            col(Tables.CHAR_END).as(NamedFields.CHAR_END),
                            col(Tables.SURFACE).as(NamedFields.SURFACE),
                            col(Tables.ENTITY).as(NamedFields.ENTITY),
                            col(Tables.ENTITY_TYPE)
                                .equalTo(EntityCanonicalizer.PERSON)
                                .as(NamedFields.PERSON)))
                    .as("_named"));
    Dataset<Row> texts =
        annotations
            .where(col(Tables.FAILURE).isNull())
            .select(
                col(Tables.ARTICLE_ID),
                col(AnnotationSchema.SENTENCES),
                col(Tables.SETTINGS_SIGNATURE))
            .join(
                articles.select(
                    Tables.ARTICLE_ID,
                    Tables.TEXT,
                    Tables.DATE,
                    Tables.STORY_ID,
                    Tables.SOURCE,
                    Tables.DATELINE),
                Tables.ARTICLE_ID);
    Dataset<Row> common =
        texts
            .select(
                col(Tables.ARTICLE_ID),
                explode(call_udf(NewsgraphFunctions.LOWER_CASE_NAMES, col(Tables.TEXT)))
                    .as(Tables.SURFACE))
            .groupBy(Tables.SURFACE)
            .agg(countDistinct(col(Tables.ARTICLE_ID)).as(N))
            .where(col(N).geq(options.minDocuments()))
            .select(col(Tables.SURFACE), lit(true).as("_common"));
    Dataset<Row> hits =
        texts
            .join(perArticle, Tables.ARTICLE_ID, "left")
            .select(
                col("*"),
                explode(
                        call_udf(
                            NewsgraphFunctions.UNTAGGED_NAMES,
                            col(Tables.TEXT),
                            coalesce(length(col(Tables.DATELINE)), lit(0)),
                            col(AnnotationSchema.SENTENCES),
                            col("_named")))
                    .as(H))
            .withColumn(Tables.SURFACE, col(H + "." + NamedFields.SURFACE))
            .join(common, Tables.SURFACE, "left");
    // A common word's capital says nothing at a sentence's start or inside a run of capitals.
    Column capitalsSayNothing =
        col(H + "." + NamedFields.SENTENCE_INITIAL).or(col(H + "." + NamedFields.CAPITALIZED_NEXT));
    Column sentence =
        element_at(
            col(AnnotationSchema.SENTENCES), col(H + "." + NamedFields.SENTENCE_INDEX).plus(1));
    for (String c : Tables.MENTIONS_TABLE.columns()) {
      columns.add(
          switch (c) {
            case Tables.SENTENCE_INDEX -> col(H + "." + NamedFields.SENTENCE_INDEX).as(c);
            case Tables.ENTITY -> col(H + "." + NamedFields.ENTITY).as(c);
            case Tables.ENTITY_TYPE -> lit(EntityCanonicalizer.PERSON).as(c);
            case Tables.MENTION_TYPE -> lit(NO_TYPE).as(c);
            case Tables.RESOLUTION -> lit(GAZETTEER).as(c);
            case Tables.CHAR_BEGIN -> col(H + "." + NamedFields.CHAR_BEGIN).as(c);
            case Tables.CHAR_END -> col(H + "." + NamedFields.CHAR_END).as(c);
            case Tables.SENTIMENT_LABEL -> sentence.getField(SentenceFields.SENTIMENT_LABEL).as(c);
            case Tables.SENTIMENT_SCORE -> sentence.getField(SentenceFields.SENTIMENT_SCORE).as(c);
            default -> col(c);
          });
    }
    return hits.where(not(coalesce(col("_common"), lit(false)).and(capitalsSayNothing)))
        .select(columns.toArray(Column[]::new));
  }

  /**
   * The gazetteer of the corpus ({@link CorpusGazetteer#of}): per written name of the named entity
   * types, its top entity; every person with its articles; the person aliases.
   */
  static UntaggedNames gazetteer(
      Dataset<Row> named, AliasTable aliases, CorpusNames.Options options) {
    Dataset<Row> names = named.where(col(Tables.ENTITY_TYPE).isin(options.nameTypes().toArray()));
    WindowSpec bySurface = Window.partitionBy(Tables.SURFACE);
    List<CorpusGazetteer.Tagged> tagged = new ArrayList<>();
    for (Row r :
        names
            .groupBy(Tables.SURFACE, Tables.ENTITY, Tables.ENTITY_TYPE)
            .agg(countDistinct(col(Tables.ARTICLE_ID)).as(N))
            .withColumn("_total", sum(col(N)).over(bySurface))
            .withColumn(
                "_rank",
                row_number().over(bySurface.orderBy(col(N).desc(), col(Tables.ENTITY).asc())))
            .where(col("_rank").equalTo(1))
            .select(Tables.SURFACE, Tables.ENTITY, Tables.ENTITY_TYPE, N, "_total")
            .collectAsList()) {
      tagged.add(
          new CorpusGazetteer.Tagged(
              r.getString(0),
              r.getString(1),
              EntityCanonicalizer.PERSON.equals(r.getString(2)),
              r.getLong(3),
              r.getLong(4)));
    }
    List<CorpusGazetteer.Person> persons = new ArrayList<>();
    for (Row r :
        names
            .where(col(Tables.ENTITY_TYPE).equalTo(EntityCanonicalizer.PERSON))
            .groupBy(Tables.ENTITY)
            .agg(countDistinct(col(Tables.ARTICLE_ID)).as(N))
            .collectAsList()) {
      persons.add(new CorpusGazetteer.Person(r.getString(0), r.getLong(1)));
    }
    return CorpusGazetteer.of(
        tagged, persons, aliases.writtenPersonNames(), options.minShare(), options.minDocuments());
  }
}
