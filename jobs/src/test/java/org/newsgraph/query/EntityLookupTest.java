package org.newsgraph.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsgraph.nlp.AliasTable;
import org.newsgraph.nlp.EntityCanonicalizer;

/**
 * Tests {@link EntityLookup}: canonical names, the naming rules and aliases, spellings seen in the
 * articles, ambiguity, and suggestions for names that match nothing. Plain Java.
 */
class EntityLookupTest {

  private static final EntityLookup.Entry PUTIN =
      new EntityLookup.Entry(
          "Vladimir Putin",
          "PERSON",
          46,
          List.of(
              new EntityLookup.Variant("Putin", 31),
              new EntityLookup.Variant("Vladimir Putin", 15)));
  private static final EntityLookup.Entry KIM =
      new EntityLookup.Entry(
          "Kim Jong Un",
          "PERSON",
          40,
          List.of(
              new EntityLookup.Variant("Kim", 20),
              new EntityLookup.Variant("Kim Jong-un", 12),
              new EntityLookup.Variant("Kim Jong Un", 8)));
  private static final EntityLookup.Entry KIM_YO_JONG =
      new EntityLookup.Entry(
          "Kim Yo Jong", "PERSON", 6, List.of(new EntityLookup.Variant("Kim", 2)));
  private static final EntityLookup.Entry MADURO =
      new EntityLookup.Entry(
          "Nicolás Maduro", "PERSON", 9, List.of(new EntityLookup.Variant("Nicolás Maduro", 9)));
  private static final EntityLookup.Entry WASHINGTON_PLACE =
      new EntityLookup.Entry("Washington", "LOCATION", 30, List.of());
  private static final EntityLookup.Entry WASHINGTON_PERSON =
      new EntityLookup.Entry("Washington", "PERSON", 3, List.of());
  private static final EntityLookup.Entry UNITED_STATES =
      new EntityLookup.Entry(
          "United States", "LOCATION", 50, List.of(new EntityLookup.Variant("U.S.", 30)));

  private final EntityLookup lookup =
      new EntityLookup(
          List.of(
              PUTIN, KIM, KIM_YO_JONG, MADURO, WASHINGTON_PLACE, WASHINGTON_PERSON, UNITED_STATES),
          new EntityCanonicalizer(
              EntityCanonicalizer.DEFAULT_TITLES,
              EntityCanonicalizer.DEFAULT_NATIONALITIES,
              AliasTable.parse(List.of("Kim Jong Eun\tKim Jong Un\tPERSON"), "test aliases")));

  @Test
  void findsACanonicalNameWithoutCaseAccentsOrPunctuation() {
    assertThat(lookup.find("vladimir putin").entry()).as("lower case").isEqualTo(PUTIN);
    assertThat(lookup.find("Nicolas Maduro").entry()).as("without the accent").isEqualTo(MADURO);
    assertThat(lookup.find("Kim Jong-un").entry()).as("hyphenated").isEqualTo(KIM);
    assertThat(lookup.find("  Vladimir   Putin's ").how())
        .as("possessive and spaces")
        .isEqualTo("canonical name");
  }

  @Test
  void appliesTheNamingRulesAndTheAliasTable() {
    EntityLookup.Match titled = lookup.find("Russian President Vladimir Putin");
    assertThat(titled.entry()).as("title and nationality removed").isEqualTo(PUTIN);
    assertThat(titled.how()).as("how").startsWith("naming rules and aliases");
    assertThat(lookup.find("Kim Jong Eun").entry()).as("an alias of the alias file").isEqualTo(KIM);
  }

  @Test
  void findsSpellingsTheArticlesUsedPreferringTheMostMentioned() {
    EntityLookup.Match putin = lookup.find("Putin");
    assertThat(putin.entry()).as("a family name the articles used").isEqualTo(PUTIN);
    assertThat(putin.how()).as("how").isEqualTo("spelling seen in 31 mentions of Vladimir Putin");
    EntityLookup.Match kim = lookup.find("Kim");
    assertThat(kim.entry()).as("'Kim', used most for Kim Jong Un").isEqualTo(KIM);
    assertThat(kim.others()).as("the other entity called Kim").containsExactly(KIM_YO_JONG);
    assertThat(lookup.find("u.s.").entry()).as("an abbreviation seen").isEqualTo(UNITED_STATES);
  }

  @Test
  void aSpellingGoesToTheEntityWhoseMentionsUsedItMostNotToABareNameEntity() {
    EntityLookup.Entry donald =
        new EntityLookup.Entry(
            "Donald Trump",
            "PERSON",
            900,
            List.of(
                new EntityLookup.Variant("Trump", 700),
                new EntityLookup.Variant("Donald Trump", 200)));
    EntityLookup.Entry bare =
        new EntityLookup.Entry(
            "Trump", "PERSON", 120, List.of(new EntityLookup.Variant("Trump", 120)));
    EntityLookup trump = new EntityLookup(List.of(bare, donald), new EntityCanonicalizer());
    EntityLookup.Match match = trump.find("Trump");
    assertThat(match.entry()).as("'Trump'").isEqualTo(donald);
    assertThat(match.how()).as("how").isEqualTo("spelling seen in 700 mentions of Donald Trump");
    assertThat(match.others()).as("the bare entity, named as an alternative").containsExactly(bare);
  }

  @Test
  void aNameOfTwoTypesIsTheMostMentionedWithTheOtherNamed() {
    EntityLookup.Match match = lookup.find("Washington");
    assertThat(match.entry()).as("most mentioned type").isEqualTo(WASHINGTON_PLACE);
    assertThat(match.others()).as("the other type").containsExactly(WASHINGTON_PERSON);
  }

  @Test
  void anUnknownNameMatchesNothingAndGetsSuggestions() {
    assertThat(lookup.find("Vladmir Putn")).as("misspelt").isNull();
    assertThat(lookup.suggestions("Vladmir Putn"))
        .as("suggestions")
        .containsExactly("Vladimir Putin");
    assertThat(lookup.suggestions("Maduro"))
        .as("a word of a longer name")
        .containsExactly("Nicolás Maduro");
    assertThat(lookup.find("Angela Merkel")).as("absent").isNull();
    assertThat(lookup.suggestions("Angela Merkel")).as("nothing close").isEmpty();
    assertThat(lookup.find("  '' ")).as("no letters").isNull();
  }

  @Test
  void keysIgnoreCaseAccentsPossessivesAndPunctuation() {
    assertThat(EntityLookup.key("Nicolás Maduro's")).isEqualTo("nicolas maduro");
    assertThat(EntityLookup.key("Kim Jong-un")).isEqualTo("kim jong un");
    assertThat(EntityLookup.key("U.S.")).isEqualTo("u s");
  }
}
