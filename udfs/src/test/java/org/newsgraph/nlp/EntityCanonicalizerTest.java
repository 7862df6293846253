package org.newsgraph.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsgraph.nlp.EntityCanonicalizer.CanonicalName;
import org.newsgraph.nlp.EntityCanonicalizer.MentionName;
import org.newsgraph.nlp.EntityCanonicalizer.Resolution;

/**
 * Tests {@link EntityCanonicalizer}: normalisation of one mention (possessives, titles, hyphens,
 * quotes) and resolution of one-word names against the full names of the same article.
 */
class EntityCanonicalizerTest {

  private static final String PERSON = "PERSON";
  private static final String ORGANIZATION = "ORGANIZATION";
  private static final String LOCATION = "LOCATION";
  private static final String MISC = "MISC";

  private final EntityCanonicalizer canonicalizer = new EntityCanonicalizer();

  private static EntityMention mention(String text, String type, int sentence) {
    return new EntityMention(text, type, 0, text.length(), sentence);
  }

  /** The canonical names of an article's mentions, without their mention index and base name. */
  private List<CanonicalName> names(List<EntityMention> mentions) {
    return canonicalizer.canonicalNames(mentions).stream().map(MentionName::name).toList();
  }

  @Test
  void aPersonNameTheArticleGivesLongerTakesTheLongerName() {
    assertThat(
            names(
                List.of(
                    mention("Kim Jong Un", PERSON, 0),
                    mention("Kim Jong", PERSON, 1),
                    mention("Ocasio-Cortez", PERSON, 2),
                    mention("Alexandria Ocasio-Cortez", PERSON, 3))))
        .as("a cut span (first words) and a family name of two words (last words)")
        .containsExactly(
            new CanonicalName("Kim Jong Un", PERSON, Resolution.EXACT),
            new CanonicalName("Kim Jong Un", PERSON, Resolution.IN_ARTICLE),
            new CanonicalName("Alexandria Ocasio Cortez", PERSON, Resolution.IN_ARTICLE),
            new CanonicalName("Alexandria Ocasio Cortez", PERSON, Resolution.EXACT));
    assertThat(
            names(
                List.of(
                    mention("Donald Trump", PERSON, 0), mention("Donald Trump Jr.", PERSON, 1))))
        .as("a longer name that only adds a suffix is another person")
        .containsExactly(
            new CanonicalName("Donald Trump", PERSON, Resolution.EXACT),
            new CanonicalName("Donald Trump Jr.", PERSON, Resolution.EXACT));
    assertThat(
            names(
                List.of(
                    mention("Kim Jong", PERSON, 0),
                    mention("Kim Jong Un", PERSON, 1),
                    mention("Kim Jong Nam", PERSON, 2))))
        .as("two longer names starting the same way: no guess")
        .first()
        .isEqualTo(new CanonicalName("Kim Jong", PERSON, Resolution.UNRESOLVED));
  }

  @Test
  void aNameWrittenTwiceInARowIsWrittenOnce() {
    assertThat(canonicalizer.normalize("Kim Jong Un Kim Jong Un", PERSON))
        .as("link text run together")
        .isEqualTo("Kim Jong Un");
    assertThat(canonicalizer.normalize("Boutros Boutros-Ghali", PERSON))
        .as("a name whose words repeat, but not as two equal halves")
        .isEqualTo("Boutros Boutros Ghali");
  }

  @Test
  void aCompoundOfTwoPersonsOfTheArticleIsSplit() {
    List<MentionName> names =
        canonicalizer.canonicalNames(
            List.of(
                mention("Donald Trump", PERSON, 0),
                mention("Kim Jong-un", PERSON, 0),
                mention("Trump-Kim", PERSON, 1),
                mention("Trump/Kim", PERSON, 2)));
    assertThat(names)
        .as("'Trump-Kim' and 'Trump/Kim' give both persons, with the compound's index")
        .containsExactly(
            new MentionName(
                0, "Donald Trump", new CanonicalName("Donald Trump", PERSON, Resolution.EXACT)),
            new MentionName(
                1, "Kim Jong Un", new CanonicalName("Kim Jong Un", PERSON, Resolution.EXACT)),
            new MentionName(
                2, "Trump", new CanonicalName("Donald Trump", PERSON, Resolution.IN_ARTICLE)),
            new MentionName(
                2, "Kim", new CanonicalName("Kim Jong Un", PERSON, Resolution.IN_ARTICLE)),
            new MentionName(
                3, "Trump", new CanonicalName("Donald Trump", PERSON, Resolution.IN_ARTICLE)),
            new MentionName(
                3, "Kim", new CanonicalName("Kim Jong Un", PERSON, Resolution.IN_ARTICLE)));
    assertThat(
            names(
                List.of(
                    mention("Vladimir Putin", PERSON, 0),
                    mention("Xi", PERSON, 1),
                    mention("Putin\u2013Xi", PERSON, 2))))
        .as("an en dash; 'Xi' is a person of the article by its own mention")
        .endsWith(
            new CanonicalName("Vladimir Putin", PERSON, Resolution.IN_ARTICLE),
            new CanonicalName("Xi", PERSON, Resolution.EXACT));
  }

  @Test
  void namesRunTogetherAreTheirFirstPersonOfTheArticle() {
    assertThat(
            names(
                List.of(
                    mention("Donald Trump", PERSON, 0),
                    mention("Trump Donald John Trump", PERSON, 1),
                    mention("Robert Mueller", PERSON, 2),
                    mention("Robert Mueller Robert", PERSON, 3),
                    mention("Vladimir] Putin", PERSON, 4),
                    mention("Sirhan Sirhan", PERSON, 5))))
        .as("link text followed by its tooltip; a stray bracket; a repeated word with no person")
        .containsExactly(
            new CanonicalName("Donald Trump", PERSON, Resolution.EXACT),
            new CanonicalName("Donald Trump", PERSON, Resolution.IN_ARTICLE),
            new CanonicalName("Robert Mueller", PERSON, Resolution.EXACT),
            new CanonicalName("Robert Mueller", PERSON, Resolution.EXACT),
            new CanonicalName("Vladimir Putin", PERSON, Resolution.EXACT),
            new CanonicalName("Sirhan Sirhan", PERSON, Resolution.EXACT));
  }

  @Test
  void namesRunTogetherWithATooltipAreNamedByTheTooltipsShape() {
    assertThat(
            canonicalizer
                .canonicalNames(
                    List.of(
                        mention("Trump", PERSON, 0),
                        mention("Trump Donald John Trump Gowdy", PERSON, 1),
                        mention("Orrin Hatch Orrin Grant Hatch Trump", PERSON, 2),
                        mention("Hatch", PERSON, 3),
                        mention("Robert Mueller Robert", PERSON, 4),
                        mention("Mueller", PERSON, 5),
                        mention("Kim Jong Un Kim Jong", PERSON, 6),
                        mention("Boutros Boutros Ghali", PERSON, 7),
                        mention("Mohammed bin Salman bin Abdulaziz", PERSON, 8),
                        mention("Pelosi Nancy Patricia Pelosi Pelosi", PERSON, 9),
                        mention("Nancy Patricia Pelosi", PERSON, 10)))
                .stream()
                .map(n -> n.mention() + " " + n.name().name() + " " + n.name().resolution().value())
                .toList())
        .as(
            "a family name the article uses, then its tooltip and the next link; a display name"
                + " its tooltip repeats, then the next link; tooltips cut after their first words;"
                + " names that repeat a word without a tooltip's shape stay whole; a family name"
                + " shown is named by its tooltip when that is a person of the article")
        .containsExactly(
            "0 Trump exact",
            "1 Trump exact",
            "1 Gowdy exact",
            "2 Orrin Hatch exact",
            "2 Trump exact",
            "3 Orrin Hatch in_article",
            "4 Robert Mueller exact",
            "5 Robert Mueller in_article",
            "6 Kim Jong Un exact",
            "7 Boutros Boutros Ghali exact",
            "8 Mohammed bin Salman bin Abdulaziz exact",
            "9 Nancy Patricia Pelosi exact",
            "10 Nancy Patricia Pelosi exact");
  }

  @Test
  void aTooltipThatStartsWithTheGivenNameInFullIsPartOfTheDisplayName() {
    String text =
        "Vice President Mike Pence Michael (Mike) Richard Pence Top Pence adviser. Pence spoke."
            + " Jeff Sessions Jefferson (Jeff) Beauregard Sessions Democratic senator."
            + " Jo Ann Johnson met Johnson. Rand Paul Randal spoke; Paul left."
            + " Ro Khanna Rohit (Ro) KhannaLewandowski says."
            + " Mitch McConnell Addison (Mitch) Mitchell McConnell GOP senators."
            + " Charles Schumer Charles (Chuck) Ellis Schumer said. Kim Jong Un, Kim Jong Il.";
    List<EntityMention> mentions = new ArrayList<>();
    int from = 0;
    for (String m :
        List.of(
            "Mike Pence Michael",
            "Mike",
            "Richard Pence Top Pence",
            "Pence",
            "Jeff Sessions Jefferson",
            "Jeff",
            "Beauregard Sessions Democratic",
            "Jo Ann Johnson",
            "Johnson",
            "Rand Paul Randal",
            "Paul",
            "Ro Khanna Rohit",
            "Ro",
            "Mitch McConnell Addison",
            "Mitchell McConnell GOP",
            "Charles Schumer Charles",
            "Chuck) Ellis Schumer",
            "Kim Jong Un",
            "Kim Jong Il")) {
      int begin = text.indexOf(m, from);
      // CoreNLP tagged the rest of McConnell's tooltip, glued to the next link, an organisation.
      String type = m.endsWith("GOP") ? ORGANIZATION : PERSON;
      mentions.add(new EntityMention(m, type, begin, begin + m.length(), 0));
      from = begin + m.length();
    }
    assertThat(
            canonicalizer.canonicalNames(mentions).stream()
                .map(n -> n.mention() + " " + n.name().name() + " " + n.name().resolution().value())
                .toList())
        .as(
            "a given name in the list of short forms and one the tooltip writes longer (with the"
                + " family name used in the article, or the short given name in brackets after"
                + " it), the tooltip's other mentions named with it; a tooltip with another"
                + " given name or the same, its rest right after; a full name whose last word"
                + " starts with its first, and two names one after the other, stay whole")
        .containsExactly(
            "0 Mike Pence exact",
            "1 Mike Pence exact",
            "2 Mike Pence exact",
            "3 Mike Pence in_article",
            "4 Jeff Sessions exact",
            "5 Jeff Sessions exact",
            "6 Jeff Sessions exact",
            "7 Jo Ann Johnson exact",
            "8 Jo Ann Johnson in_article",
            "9 Rand Paul exact",
            "10 Rand Paul in_article",
            "11 Ro Khanna exact",
            "12 Ro Khanna exact",
            "13 Mitch McConnell exact",
            "14 Mitch McConnell exact",
            "15 Charles Schumer exact",
            "16 Charles Schumer exact",
            "17 Kim Jong Un exact",
            "18 Kim Jong Il exact");
  }

  @Test
  void aCompoundOfTwoPersonsOfTheArticleIsSplitWhateverItsType() {
    assertThat(
            canonicalizer
                .canonicalNames(
                    List.of(
                        mention("Donald Trump", PERSON, 0),
                        mention("Mike Pence", PERSON, 0),
                        mention("Trump-Pence", ORGANIZATION, 1),
                        mention("Reagan-Gorbachev", MISC, 2),
                        mention("Hewlett-Packard", ORGANIZATION, 3)))
                .stream()
                .map(n -> n.mention() + " " + n.name().name() + " " + n.name().type())
                .toList())
        .as(
            "an organisation joining two persons of the article is both; one whose parts are no"
                + " persons of the article stays whole")
        .containsExactly(
            "0 Donald Trump PERSON",
            "1 Mike Pence PERSON",
            "2 Donald Trump PERSON",
            "2 Mike Pence PERSON",
            "3 Reagan-Gorbachev MISC",
            "4 Hewlett-Packard ORGANIZATION");
  }

  @Test
  void aCompoundOfTwoPlacesOfTheArticleIsSplit() {
    EntityCanonicalizer withAliases =
        new EntityCanonicalizer(
            EntityCanonicalizer.DEFAULT_TITLES,
            EntityCanonicalizer.DEFAULT_NATIONALITIES,
            AliasTable.parse(
                List.of("U.S.\tUnited States\tLOCATION", "US\tUnited States\tLOCATION"), "test"));
    assertThat(
            withAliases
                .canonicalNames(
                    List.of(
                        mention("Mexico", LOCATION, 0),
                        mention("U.S.-Mexico", LOCATION, 1),
                        mention("Rolls-Royce", ORGANIZATION, 2),
                        mention("Guinea-Bissau", LOCATION, 3),
                        mention("US-China", MISC, 4),
                        mention("Bosnia-Herzegovina", LOCATION, 5)))
                .stream()
                .map(n -> n.mention() + " " + n.name().name() + " " + n.name().type())
                .toList())
        .as(
            "a place of the alias table and a place of the article or of CoreNLP's gazetteer;"
                + " names whose parts are not, and a country of the gazetteer")
        .containsExactly(
            "0 Mexico LOCATION",
            "1 United States LOCATION",
            "1 Mexico LOCATION",
            "2 Rolls-Royce ORGANIZATION",
            "3 Guinea-Bissau LOCATION",
            "4 United States LOCATION",
            "4 China LOCATION",
            "5 Bosnia-Herzegovina LOCATION");
  }

  @Test
  void hyphenatedNamesOfOnePersonStayWhole() {
    assertThat(
            names(
                List.of(
                    mention("Alexandria Ocasio-Cortez", PERSON, 0),
                    mention("Ocasio-Cortez", PERSON, 1),
                    mention("Jean-Claude Juncker", PERSON, 2),
                    mention("Bashar al-Assad", PERSON, 3),
                    mention("Kim Jong-Un", PERSON, 4))))
        .as("both parts name the same person, or a part is no person of the article")
        .containsExactly(
            new CanonicalName("Alexandria Ocasio Cortez", PERSON, Resolution.EXACT),
            new CanonicalName("Alexandria Ocasio Cortez", PERSON, Resolution.IN_ARTICLE),
            new CanonicalName("Jean Claude Juncker", PERSON, Resolution.EXACT),
            new CanonicalName("Bashar al Assad", PERSON, Resolution.EXACT),
            new CanonicalName("Kim Jong Un", PERSON, Resolution.EXACT));
    assertThat(names(List.of(mention("Trump-Kim", PERSON, 0))))
        .as("a compound whose parts are no persons of the article stays one name")
        .containsExactly(new CanonicalName("Trump Kim", PERSON, Resolution.EXACT));
  }

  @Test
  void possessivesAreRemoved() {
    assertThat(canonicalizer.normalize("Putin's", PERSON))
        .as("ASCII apostrophe possessive")
        .isEqualTo("Putin");
    assertThat(canonicalizer.normalize("Putin\u2019s", PERSON))
        .as("typographic apostrophe possessive")
        .isEqualTo("Putin");
    assertThat(canonicalizer.normalize("Jones'", PERSON))
        .as("trailing apostrophe possessive")
        .isEqualTo("Jones");
    assertThat(canonicalizer.normalize("Reuters's", ORGANIZATION))
        .as("possessive of an organization")
        .isEqualTo("Reuters");
  }

  @Test
  void leadingTitlesAreStrippedFromPersons() {
    assertThat(canonicalizer.normalize("President Vladimir Putin", PERSON))
        .as("one title")
        .isEqualTo("Vladimir Putin");
    assertThat(canonicalizer.normalize("Russian President Vladimir Putin", PERSON))
        .as("nationality and title")
        .isEqualTo("Vladimir Putin");
    assertThat(canonicalizer.normalize("Mr. Smith", PERSON))
        .as("abbreviated title with a dot")
        .isEqualTo("Smith");
    assertThat(canonicalizer.normalize("Prime Minister Theresa May", PERSON))
        .as("two-word title, not just 'Minister'")
        .isEqualTo("Theresa May");
    assertThat(canonicalizer.normalize("Supreme Leader Kim Jong-un", PERSON))
        .as("two-word title followed by a hyphenated name")
        .isEqualTo("Kim Jong Un");
    assertThat(canonicalizer.normalize("then-President Obama", PERSON))
        .as("'then-' before a title")
        .isEqualTo("Obama");
  }

  @Test
  void nationalityWithoutTitleIsKept() {
    assertThat(canonicalizer.normalize("Russian Vladimir Putin", PERSON))
        .as("a nationality is stripped only together with a following title")
        .isEqualTo("Russian Vladimir Putin");
  }

  @Test
  void titlesAreNotStrippedFromOtherTypes() {
    assertThat(canonicalizer.normalize("President Hotel", ORGANIZATION))
        .as("title word in an organization name")
        .isEqualTo("President Hotel");
    assertThat(canonicalizer.normalize("King County", LOCATION))
        .as("title word in a location name")
        .isEqualTo("King County");
    assertThat(canonicalizer.normalize("Russian President Vladimir Putin", MISC))
        .as("nationality and title in a MISC mention")
        .isEqualTo("Russian President Vladimir Putin");
  }

  @Test
  void titleAloneIsNotStrippedToNothing() {
    assertThat(canonicalizer.normalize("King", PERSON))
        .as("'King' alone may be a surname")
        .isEqualTo("King");
    assertThat(canonicalizer.normalize("President", PERSON))
        .as("a title alone stays as it is")
        .isEqualTo("President");
  }

  @Test
  void hyphenVariantsOfANameAreTheSame() {
    assertThat(canonicalizer.normalize("Kim Jong-un", PERSON))
        .as("lower-case part after the hyphen")
        .isEqualTo("Kim Jong Un");
    assertThat(canonicalizer.normalize("Kim Jong-Un", PERSON))
        .as("capitalised part after the hyphen")
        .isEqualTo("Kim Jong Un");
    assertThat(canonicalizer.normalize("Kim Jong Un", PERSON))
        .as("already without hyphen")
        .isEqualTo("Kim Jong Un");
    assertThat(canonicalizer.normalize("Kim Jong\u2011un", PERSON))
        .as("non-breaking hyphen")
        .isEqualTo("Kim Jong Un");
    assertThat(canonicalizer.normalize("Coca-Cola", ORGANIZATION))
        .as("hyphens are kept outside person names")
        .isEqualTo("Coca-Cola");
  }

  @Test
  void whitespaceAndQuotesAreTrimmed() {
    assertThat(canonicalizer.normalize("  Vladimir \n  Putin \t", PERSON))
        .as("surrounding whitespace stripped, inner runs collapsed")
        .isEqualTo("Vladimir Putin");
    assertThat(canonicalizer.normalize("\"Angela Merkel\"", PERSON))
        .as("straight double quotes")
        .isEqualTo("Angela Merkel");
    assertThat(canonicalizer.normalize("\u201cPutin\u2019s\u201d", PERSON))
        .as("typographic quotes around a possessive")
        .isEqualTo("Putin");
    assertThat(canonicalizer.normalize("(NATO),", ORGANIZATION))
        .as("parentheses and comma")
        .isEqualTo("NATO");
  }

  @Test
  void composedAndDecomposedAccentsAreTheSame() {
    assertThat(canonicalizer.normalize("Jose\u0301 Mujica", PERSON))
        .as("combining acute accent composed to one character (NFC)")
        .isEqualTo("Jos\u00e9 Mujica");
  }

  @Test
  void oneWordPersonResolvesToTheFullNameByLastWord() {
    List<CanonicalName> names =
        names(
            List.of(
                mention("President Vladimir Putin", PERSON, 0),
                mention("Putin", PERSON, 1),
                mention("Putin's", PERSON, 2)));
    assertThat(names)
        .as("full name, then two short mentions of the same person")
        .containsExactly(
            new CanonicalName("Vladimir Putin", PERSON, Resolution.EXACT),
            new CanonicalName("Vladimir Putin", PERSON, Resolution.IN_ARTICLE),
            new CanonicalName("Vladimir Putin", PERSON, Resolution.IN_ARTICLE));
  }

  @Test
  void oneWordPersonResolvesToTheFullNameByFirstWord() {
    List<CanonicalName> names =
        names(List.of(mention("Kim", PERSON, 0), mention("Kim Jong-un", PERSON, 1)));
    assertThat(names)
        .as("a short mention before the full name, matching its first word")
        .containsExactly(
            new CanonicalName("Kim Jong Un", PERSON, Resolution.IN_ARTICLE),
            new CanonicalName("Kim Jong Un", PERSON, Resolution.EXACT));
  }

  @Test
  void oneWordPersonWithTwoCandidatesIsUnresolved() {
    List<CanonicalName> names =
        names(
            List.of(
                mention("Donald Trump", PERSON, 0),
                mention("Melania Trump", PERSON, 1),
                mention("Trump", PERSON, 2)));
    assertThat(names.get(2))
        .as("'Trump' with Donald and Melania Trump in the article")
        .isEqualTo(new CanonicalName("Trump", PERSON, Resolution.UNRESOLVED));
  }

  @Test
  void oneWordPersonWithoutCandidateIsExact() {
    List<CanonicalName> names =
        names(List.of(mention("Merkel", PERSON, 0), mention("Emmanuel Macron", PERSON, 1)));
    assertThat(names.get(0))
        .as("'Merkel' with no full name ending or starting with it")
        .isEqualTo(new CanonicalName("Merkel", PERSON, Resolution.EXACT));
  }

  @Test
  void oneWordOrganizationOrMiscMatchingOnePersonBecomesThatPerson() {
    List<CanonicalName> names =
        names(
            List.of(
                mention("Xi Jinping", PERSON, 0),
                mention("Xi", ORGANIZATION, 1),
                mention("Xi", MISC, 2)));
    assertThat(names.get(1))
        .as("ORGANIZATION 'Xi' with 'Xi Jinping' in the article")
        .isEqualTo(new CanonicalName("Xi Jinping", PERSON, Resolution.IN_ARTICLE));
    assertThat(names.get(2))
        .as("MISC 'Xi' with 'Xi Jinping' in the article")
        .isEqualTo(new CanonicalName("Xi Jinping", PERSON, Resolution.IN_ARTICLE));
  }

  @Test
  void oneWordOrganizationWithTwoCandidatesStaysAnExactOrganization() {
    List<CanonicalName> names =
        names(
            List.of(
                mention("Donald Trump", PERSON, 0),
                mention("Melania Trump", PERSON, 0),
                mention("Trump", ORGANIZATION, 1)));
    assertThat(names.get(2))
        .as("ORGANIZATION 'Trump' with two Trumps in the article")
        .isEqualTo(new CanonicalName("Trump", ORGANIZATION, Resolution.EXACT));
  }

  @Test
  void oneWordLocationIsNeverResolvedToAPerson() {
    List<CanonicalName> names =
        names(List.of(mention("Donald Trump", PERSON, 0), mention("Trump", LOCATION, 1)));
    assertThat(names.get(1))
        .as("LOCATION 'Trump' with 'Donald Trump' in the article")
        .isEqualTo(new CanonicalName("Trump", LOCATION, Resolution.EXACT));
  }

  @Test
  void fullNamesOfOtherTypesAreNoCandidates() {
    List<CanonicalName> names =
        names(List.of(mention("Trump Organization", ORGANIZATION, 0), mention("Trump", PERSON, 1)));
    assertThat(names.get(1))
        .as("only multi-word PERSON names are candidates")
        .isEqualTo(new CanonicalName("Trump", PERSON, Resolution.EXACT));
  }

  @Test
  void noMentionsGiveNoNames() {
    assertThat(names(List.of())).as("empty article").isEmpty();
  }

  @Test
  void resolutionValuesAreLowerCase() {
    assertThat(Resolution.IN_ARTICLE.value())
        .as("value stored in the mentions table")
        .isEqualTo("in_article");
  }

  @Test
  void customTitlesReplaceTheDefaults() {
    EntityCanonicalizer custom =
        new EntityCanonicalizer(List.of("Chief", " Grand Chief "), List.of("Lakota"));
    assertThat(custom.normalize("Chief Sitting Bull", PERSON))
        .as("custom title stripped")
        .isEqualTo("Sitting Bull");
    assertThat(custom.normalize("Grand Chief Joseph", PERSON))
        .as("custom title given with surrounding spaces is stripped")
        .isEqualTo("Joseph");
    assertThat(custom.normalize("Lakota Chief Red Cloud", PERSON))
        .as("custom nationality with a custom title")
        .isEqualTo("Red Cloud");
    assertThat(custom.normalize("President Vladimir Putin", PERSON))
        .as("a default title is not stripped when the list is replaced")
        .isEqualTo("President Vladimir Putin");
    assertThat(custom.normalize("Russian President Vladimir Putin", PERSON))
        .as("a default nationality is not stripped when the list is replaced")
        .isEqualTo("Russian President Vladimir Putin");
  }
}
