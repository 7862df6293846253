package org.newsgraph.entities;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.newsgraph.tables.Tables;

/**
 * Rule 12 (README, "Entity names"): a place that starts the name of one of the corpus's own
 * outlets, where the text writes that name, is the outlet and no mention of the place. CoreNLP tags
 * "USA" of "USA TODAY" (bylines, "told USA TODAY") as a place: in three AllSides months it gave the
 * United States 29 to 62 such mentions a month, in 27 to 40 articles, none of them about the
 * country.
 *
 * <p>The outlets are the {@code source} values of the {@code articles} table, without what a dash
 * or a parenthesis adds ("New York Times - News" is "New York Times", "CNN (Web News)" is "CNN"),
 * of two words or more. A place mention is the outlet's when its words are the first words of an
 * outlet's name and the text goes on with the rest of that name (letter case aside, the next word
 * capitalised), up to the end of a word: "USA TODAY", "Washington Times". A name of one word, a
 * name written in lower case after the place ("Washington times"), and outlets the corpus holds no
 * article of are left as they are.
 *
 * <p>Deterministic: a function of the mentions and of the articles' sources and texts.
 */
public final class OutletNames {

  private static final String PLACE = "LOCATION";
  private static final String OUTLET = "_outlet";
  private static final String PREFIX = "_prefix";
  private static final String TEXT = "_text";

  // What identifies a mention among the mentions of the corpus.
  private static final String[] KEYS = {
    Tables.ARTICLE_ID, Tables.CHAR_BEGIN, Tables.CHAR_END, Tables.ENTITY
  };

  // What a source adds after its outlet's name: " - News", " (Web News)".
  private static final String QUALIFIER = "\\s+(-\\s.*|\\(.*)$";

  private OutletNames() {}

  /**
   * The place mentions that start an outlet's name where the text writes it, by their keys: {@code
   * article_id}, {@code char_begin}, {@code char_end}, {@code entity}.
   *
   * @param mentions the named mentions, with the columns of the {@code mentions} table
   * @param articles the {@code articles} table (its id, source and text)
   */
  public static Dataset<Row> placesOfOutlets(Dataset<Row> mentions, Dataset<Row> articles) {
    // Each outlet name of two words or more with every strict prefix of its words: the place
    // names that can start it ("usa" of "usa today"; "new", "new york" of "new york times").
    Dataset<Row> prefixes =
        articles
            .select(lower(trim(regexp_replace(col(Tables.SOURCE), QUALIFIER, ""))).as(OUTLET))
            .where(col(OUTLET).contains(" "))
            .distinct()
            .select(
                col(OUTLET),
                explode(
                        expr(
                            "transform(sequence(1, size(split("
                                + OUTLET
                                + ", ' ')) - 1), k -> array_join(slice(split("
                                + OUTLET
                                + ", ' '), 1, k), ' '))"))
                    .as(PREFIX));
    Dataset<Row> places =
        mentions
            .where(col(Tables.ENTITY_TYPE).equalTo(PLACE))
            .select(
                Tables.ARTICLE_ID,
                Tables.CHAR_BEGIN,
                Tables.CHAR_END,
                Tables.ENTITY,
                Tables.SURFACE)
            .join(broadcast(prefixes), lower(col(Tables.SURFACE)).equalTo(col(PREFIX)));
    // Substring positions are 1-based: the mention's first character is char_begin + 1.
    Column written =
        lower(substring(col(TEXT), col(Tables.CHAR_BEGIN).plus(1), length(col(OUTLET))))
            .equalTo(col(OUTLET));
    Column wordEnds =
        not(
            substring(col(TEXT), col(Tables.CHAR_BEGIN).plus(length(col(OUTLET))).plus(1), lit(1))
                .rlike("[\\p{L}\\p{N}]"));
    Column capitalisedNext =
        substring(col(TEXT), col(Tables.CHAR_END).plus(2), lit(1)).rlike("\\p{Lu}");
    return places
        .join(articles.select(col(Tables.ARTICLE_ID), col(Tables.TEXT).as(TEXT)), Tables.ARTICLE_ID)
        .where(written.and(wordEnds).and(capitalisedNext))
        .select(KEYS[0], KEYS[1], KEYS[2], KEYS[3])
        .distinct();
  }

  /**
   * The mentions without the places of {@link #placesOfOutlets}. Keeps every column of {@code
   * mentions}.
   */
  public static Dataset<Row> without(Dataset<Row> mentions, Dataset<Row> placesOfOutlets) {
    return mentions.join(placesOfOutlets, KEYS, "left_anti");
  }
}
