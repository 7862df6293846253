package org.newsgraph.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gold file {@code entity-gold.tsv} (written for newsgraph): every mention, in the context of
 * the other mentions of its article, gets the expected canonical name and resolution, with the
 * shipped alias table {@code conf/aliases.tsv}.
 */
class EntityGoldTest {

  private static final Path ALIASES = Path.of("..", "conf", "aliases.tsv");

  private record Case(String article, String mention, String type, String name, String how) {}

  @Test
  void everyGoldCaseGetsItsExpectedNameAndResolution() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream("/entity-gold.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] c = line.split("\t", -1);
        assertThat(c).as("columns of gold line '%s'", line).hasSize(5);
        cases.add(new Case(c[0], c[1], c[2], c[3], c[4]));
      }
    }
    assertThat(cases).as("gold cases").hasSizeGreaterThanOrEqualTo(100);
    assertThat(cases.stream().filter(c -> c.how().equals("unresolved")))
        .as("ambiguous cases that must stay unresolved")
        .hasSizeGreaterThanOrEqualTo(5);

    AliasTable aliases =
        AliasTable.parse(Files.readAllLines(ALIASES, StandardCharsets.UTF_8), ALIASES.toString());
    EntityCanonicalizer canonicalizer =
        new EntityCanonicalizer(
            EntityCanonicalizer.DEFAULT_TITLES, EntityCanonicalizer.DEFAULT_NATIONALITIES, aliases);
    Map<String, List<Case>> byArticle = new LinkedHashMap<>();
    cases.forEach(c -> byArticle.computeIfAbsent(c.article(), k -> new ArrayList<>()).add(c));
    List<String> wrong = new ArrayList<>();
    for (List<Case> article : byArticle.values()) {
      List<EntityMention> mentions = new ArrayList<>();
      for (int i = 0; i < article.size(); i++) {
        Case c = article.get(i);
        mentions.add(new EntityMention(c.mention(), c.type(), i * 100, i * 100 + 10, i));
      }
      // A compound mention ("Trump-Kim") has one name per part, joined here with " + ".
      Map<Integer, List<EntityCanonicalizer.CanonicalName>> byMention = new LinkedHashMap<>();
      for (EntityCanonicalizer.MentionName n : canonicalizer.canonicalNames(mentions)) {
        byMention.computeIfAbsent(n.mention(), k -> new ArrayList<>()).add(n.name());
      }
      for (int i = 0; i < article.size(); i++) {
        Case c = article.get(i);
        List<EntityCanonicalizer.CanonicalName> parts = byMention.get(i);
        EntityCanonicalizer.CanonicalName got =
            new EntityCanonicalizer.CanonicalName(
                String.join(
                    " + ", parts.stream().map(EntityCanonicalizer.CanonicalName::name).toList()),
                parts.get(0).type(),
                parts.get(0).resolution());
        if (!got.name().equals(c.name()) || !got.resolution().value().equals(c.how())) {
          wrong.add(
              c.article()
                  + " '"
                  + c.mention()
                  + "' "
                  + c.type()
                  + ": expected "
                  + c.name()
                  + " ("
                  + c.how()
                  + "), got "
                  + got.name()
                  + " ("
                  + got.resolution().value()
                  + ")");
        }
      }
    }
    assertThat(wrong).as("gold cases with another name or resolution").isEmpty();
  }
}
