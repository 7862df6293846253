package org.newsgraph.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The names of countries and of states or provinces that CoreNLP's own KBP gazetteer lists ({@value
 * #RESOURCE} in the {@code models} jar): world knowledge that ships with the models, not a list of
 * this project. Used by rule 4 of {@link EntityCanonicalizer} to tell a compound of two places
 * ("U.S.-Mexico") from one name ("Guinea-Bissau", itself a listed country).
 *
 * <p>Loaded once per JVM on first use, lower-cased; the lookup ignores case.
 */
public final class PlaceGazetteer {

  /** The caseless gazetteer of CoreNLP's KBP annotator: name, class, type, priority per line. */
  public static final String RESOURCE =
      "edu/stanford/nlp/models/kbp/english/gazetteers/regexner_caseless.tab";

  private static final Set<String> CLASSES = Set.of("COUNTRY", "STATE_OR_PROVINCE");

  private PlaceGazetteer() {}

  /** Whether {@code name} is a country or a state or province of the gazetteer. */
  public static boolean isPlace(String name) {
    return Holder.PLACES.contains(name.toLowerCase(Locale.ROOT));
  }

  private static final class Holder {
    private static final Set<String> PLACES = load();
  }

  private static Set<String> load() {
    InputStream in = PlaceGazetteer.class.getClassLoader().getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(
          "CoreNLP's place gazetteer "
              + RESOURCE
              + " is not on the classpath: the entity naming rules need the stanford-corenlp"
              + " models jar. Ship it beside the job jar (--jars), as bin/newsgraph does.");
    }
    Set<String> places = new HashSet<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        int tab = line.indexOf('\t');
        int next = tab < 0 ? -1 : line.indexOf('\t', tab + 1);
        if (next > tab && CLASSES.contains(line.substring(tab + 1, next))) {
          places.add(line.substring(0, tab).toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read CoreNLP's place gazetteer " + RESOURCE, e);
    }
    return Set.copyOf(places);
  }
}
