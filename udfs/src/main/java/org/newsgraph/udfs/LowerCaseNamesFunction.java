package org.newsgraph.udfs;

import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.api.java.UDF1;
import org.newsgraph.nlp.UntaggedNames;

/**
 * {@code ng_lower_case_names(text)}: the one-word written names of the gazetteer whose lower-case
 * form the text uses as a word ({@link UntaggedNames#lowerCaseNames}); null text gives null.
 */
public final class LowerCaseNamesFunction implements UDF1<String, List<String>> {

  private final Broadcast<UntaggedNames> gazetteer;

  public LowerCaseNamesFunction(Broadcast<UntaggedNames> gazetteer) {
    this.gazetteer = gazetteer;
  }

  @Override
  public List<String> call(String text) {
    return text == null ? null : gazetteer.value().lowerCaseNames(text);
  }
}
