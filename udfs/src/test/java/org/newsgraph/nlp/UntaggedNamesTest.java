package org.newsgraph.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsgraph.nlp.UntaggedNames.Hit;
import org.newsgraph.nlp.UntaggedNames.Named;

/** Tests {@link UntaggedNames}: written names of the corpus that CoreNLP left untagged. */
class UntaggedNamesTest {

  private static final UntaggedNames GAZETTEER =
      new UntaggedNames(
          Map.of(
              "Pence", "Mike Pence",
              "Trump", "Donald Trump",
              "Xi", "Xi Jinping",
              "Sessions", "Jeff Sessions",
              "Ocasio-Cortez", "Alexandria Ocasio-Cortez",
              "Ocasio", "Alexandria Ocasio-Cortez",
              "NASA", "Not A Person",
              "x", "Lower Case"));

  @Test
  void onlyNameLikeTextsAreWrittenNames() {
    assertThat(GAZETTEER.size()).as("capitals alone and lower case are left out").isEqualTo(6);
    assertThat(UntaggedNames.nameLike("Xi")).as("two letters").isTrue();
    assertThat(UntaggedNames.nameLike("XI")).as("capitals only").isFalse();
    assertThat(UntaggedNames.nameLike("obama")).as("lower case").isFalse();
  }

  @Test
  void findsAWrittenNameNoMentionCovers() {
    String text = "The council met. Trump was joined by Vice President Pence, who heads it.";
    List<Named> named = List.of(new Named(17, 22, "Trump", "Donald Trump", true));
    List<Hit> hits = GAZETTEER.find(text, 0, new int[] {0, 17}, new int[] {16, 72}, named);
    assertThat(hits)
        .as("the untagged Pence, not the tagged Trump")
        .containsExactly(
            new Hit(
                text.indexOf("Pence"),
                text.indexOf("Pence") + 5,
                "Pence",
                "Mike Pence",
                1,
                false,
                false));
  }

  @Test
  void wholeWordsOnlyTheLongestFirst() {
    String text =
        "Pencil makers. Anti-Trump signs and Trumpism. A Manafort-like deal. Ocasio-Cortez spoke"
            + " to Xi Jinping's aide.";
    List<Hit> hits = GAZETTEER.find(text, 0, new int[] {0}, new int[] {text.length()}, List.of());
    assertThat(surfaces(hits))
        .as("no name inside a longer word or a hyphenated word; the longest written name")
        .containsExactly("Ocasio-Cortez", "Xi");
  }

  @Test
  void handlesThatEndWithAWrittenNameNameItsPerson() {
    UntaggedNames gazetteer =
        new UntaggedNames(
            Map.of(
                "Pompeo", "Mike Pompeo",
                "Donald Trump", "Donald Trump",
                "Trump", "Donald Trump",
                "Ocasio-Cortez", "Alexandria Ocasio-Cortez",
                "Eric Holder", "Eric Holder"),
            Map.of(),
            java.util.Set.of("Eric", "Donald"));
    // Hand-written in the shape of embedded posts and bylines.
    String text =
        "Met with @SecPompeo today (@realDonaldTrump). Thanks @Ocasio2018 and @OcasioCortez!"
            + " Ask @EricTrump, @ericholder, @POTUS or press@Pompeo.gov; @GOPLeaderTrump_.";
    List<Hit> hits = gazetteer.find(text, 0, new int[] {0}, new int[] {text.length()}, List.of());
    assertThat(hits)
        .as(
            "the names handles end with, at their characters, the longest first; not after a"
                + " given name of the corpus, not in lower case, not in an address")
        .extracting(Hit::surface, Hit::entity, Hit::begin)
        .containsExactly(
            tuple("Pompeo", "Mike Pompeo", text.indexOf("Pompeo")),
            tuple("DonaldTrump", "Donald Trump", text.indexOf("DonaldTrump")),
            tuple("OcasioCortez", "Alexandria Ocasio-Cortez", text.indexOf("OcasioCortez")),
            tuple("Trump", "Donald Trump", text.indexOf("Trump_")));
    List<Named> tagged = List.of(new Named(9, 19, "@SecPompeo", "@SecPompeo", false));
    assertThat(gazetteer.find(text, 0, new int[] {0}, new int[] {text.length()}, tagged))
        .as("a handle a mention covers is that mention's")
        .extracting(Hit::surface)
        .containsExactly("DonaldTrump", "OcasioCortez", "Trump");
  }

  @Test
  void aGovernmentNamedAfterItsLeaderNamesTheLeaderToo() {
    UntaggedNames gazetteer = new UntaggedNames(Map.of("Reagan", "Ronald Reagan"));
    String text =
        "The Reagan Administration agreed. The Reagan Foundation paid. Reagan Administrations"
            + " differ.";
    int government = text.indexOf("Reagan Administration");
    int foundation = text.indexOf("Reagan Foundation");
    int plural = text.indexOf("Reagan Administrations");
    List<Named> named =
        List.of(
            new Named(
                government,
                government + 21,
                "Reagan Administration",
                "Reagan Administration",
                false),
            new Named(foundation, foundation + 17, "Reagan Foundation", "Reagan Foundation", false),
            new Named(
                plural, plural + 22, "Reagan Administrations", "Reagan Administrations", false));
    List<Hit> hits = gazetteer.find(text, 0, new int[] {0}, new int[] {text.length()}, named);
    assertThat(hits)
        .as(
            "the leader of an organisation that is his government; not of a foundation, nor before"
                + " another word")
        .extracting(Hit::begin, Hit::surface, Hit::entity)
        .containsExactly(tuple(government, "Reagan", "Ronald Reagan"));
    String person = "The Reagan Cabinet met.";
    List<Named> tagged = List.of(new Named(4, 18, "Reagan Cabinet", "Ronald Reagan", true));
    assertThat(gazetteer.find(person, 0, new int[] {0}, new int[] {person.length()}, tagged))
        .as("a person mention covers the name whatever follows it")
        .isEmpty();
  }

  @Test
  void aNameWithLowerCaseWordsHyphenatedToItIsNamed() {
    UntaggedNames gazetteer =
        new UntaggedNames(
            Map.of(
                "Manafort", "Paul Manafort",
                "Trump", "Donald Trump",
                "Schumer", "Chuck Schumer",
                "Cortez", "Maria Cortez",
                "Claude", "Claude Monet"));
    String text =
        "A Manafort-like deal. The anti-Trump crowd and ex-Trump-era aides. Schumer-sniffers."
            + " Ocasio-Cortez and Jean-Claude spoke. Anti-Trump signs and Trumpism. A Trump-Cortez"
            + " plan.";
    int manafort = text.indexOf("Manafort-like");
    int anti = text.indexOf("anti-Trump");
    int sniffers = text.indexOf("Schumer-sniffers");
    List<Named> named =
        List.of(
            new Named(manafort, manafort + 13, "Manafort-like", "Manafort-like", false),
            new Named(anti, anti + 10, "anti-Trump", "anti-Trump", false),
            new Named(sniffers, sniffers + 16, "Schumer-sniffers", "Schumer-sniffers", true));
    List<Hit> hits = gazetteer.find(text, 0, new int[] {0}, new int[] {text.length()}, named);
    assertThat(hits)
        .as(
            "the names with lower-case words hyphenated before or after them, also inside a"
                + " mention that is no person; not inside a person mention, not joined to a"
                + " capitalised word, not inside a longer word")
        .extracting(Hit::begin, Hit::surface)
        .containsExactly(
            tuple(manafort, "Manafort"),
            tuple(anti + 5, "Trump"),
            tuple(text.indexOf("Trump-era"), "Trump"));
  }

  @Test
  void theDatelineAndTextOutsideSentencesHoldNoName() {
    String text = "TRUMP TOWER, June 1 - Trump spoke. Trump";
    List<Hit> hits =
        GAZETTEER.find(text, text.indexOf(" - ") + 3, new int[] {0}, new int[] {34}, List.of());
    assertThat(hits).as("after the dateline, inside the sentence").hasSize(1);
    assertThat(hits.get(0).begin()).as("the one in the sentence").isEqualTo(22);
    assertThat(hits.get(0).sentenceInitial()).as("it starts its sentence").isTrue();
  }

  @Test
  void aNameTheArticleGivesToSomeoneElseIsNotLookedFor() {
    String text = "Melania Trump visited a school. Trump said the visit went well.";
    List<Named> named = List.of(new Named(0, 13, "Melania Trump", "Melania Trump", true));
    assertThat(GAZETTEER.find(text, 0, new int[] {0, 32}, new int[] {31, 63}, named))
        .as("her article's Trump is hers")
        .isEmpty();
    List<Named> tower = List.of(new Named(0, 11, "Trump Tower", "Trump Tower", false));
    String towerText = "Trump Tower was lit. Trump spoke.";
    assertThat(surfaces(GAZETTEER.find(towerText, 0, new int[] {0, 21}, new int[] {20, 33}, tower)))
        .as("a building named after him does not block him")
        .containsExactly("Trump");
  }

  @Test
  void theNextLinkAfterAPersonsNameIsReadAsText() {
    UntaggedNames gazetteer =
        new UntaggedNames(
            Map.of("Pence", "Mike Pence", "Robert", "Robert Mueller", "Trump", "Donald Trump"));
    // Hand-written in the shape of scraped name cards: display name, tooltip, next link's text.
    String text =
        "Sen. Ann Smith Anna (Ann) Ann Smith Pence aide spoke. Bob Jones Robert Trump"
            + " left. Pence agreed.";
    String rest = "Ann Smith Pence";
    String tooltip = "Bob Jones Robert Trump";
    int[] begins = {0, text.indexOf("Bob"), text.indexOf("Pence agreed")};
    int[] ends = {begins[1] - 1, begins[2] - 1, text.length()};
    List<Named> named =
        List.of(
            new Named(
                text.indexOf(rest), text.indexOf(rest) + rest.length(), rest, "Ann Smith", true),
            new Named(
                text.indexOf(tooltip),
                text.indexOf(tooltip) + tooltip.length(),
                tooltip,
                "Bob Jones",
                true));
    assertThat(gazetteer.find(text, 0, begins, ends, named))
        .as(
            "the capitalised words after the last word of a person's name are the next link, and"
                + " the name no longer blocks them elsewhere; the start of a tooltip (the given"
                + " name in full) stays his, and so do the words after it")
        .extracting(Hit::surface, Hit::begin)
        .containsExactly(
            tuple("Pence", text.indexOf("Pence")), tuple("Pence", text.indexOf("Pence agreed")));
    List<Named> organisation =
        List.of(
            new Named(
                text.indexOf(rest), text.indexOf(rest) + rest.length(), rest, "Ann Smith", false));
    assertThat(gazetteer.find(text, 0, begins, ends, organisation))
        .as("a mention of another type covers its whole text")
        .extracting(Hit::surface, Hit::begin)
        .containsExactly(
            tuple("Robert", text.indexOf("Robert")),
            tuple("Trump", text.indexOf("Trump")),
            tuple("Pence", text.indexOf("Pence agreed")));
  }

  @Test
  void saysWhereCapitalsMaySayNothing() {
    String text = "Sessions of the court resumed. The Sessions Court sat. It was Sessions' call.";
    List<Hit> hits =
        GAZETTEER.find(text, 0, new int[] {0, 31, 55}, new int[] {30, 54, 77}, List.of());
    assertThat(hits).as("three written names").hasSize(3);
    assertThat(hits.get(0).sentenceInitial()).as("first starts its sentence").isTrue();
    assertThat(hits.get(1).capitalizedNext()).as("second is followed by a capital").isTrue();
    assertThat(hits.get(2).sentenceInitial() || hits.get(2).capitalizedNext())
        .as("third is neither")
        .isFalse();
    assertThat(GAZETTEER.lowerCaseNames("Two sessions and a trump card, Pence."))
        .as("one-word names the text writes in lower case")
        .containsExactlyInAnyOrder("Sessions", "Trump");
  }

  @Test
  void theGazetteerOfACorpusComesFromItsTagsItsFamilyNamesAndItsAliases() {
    List<CorpusGazetteer.Tagged> tagged =
        List.of(
            new CorpusGazetteer.Tagged("Mueller", "Robert Mueller", true, 31, 36),
            new CorpusGazetteer.Tagged("Clinton", "Hillary Clinton", true, 6, 10),
            new CorpusGazetteer.Tagged("Washington", "Washington", false, 300, 303),
            new CorpusGazetteer.Tagged("Pelosi", "Nancy Pelosi", true, 4, 4),
            new CorpusGazetteer.Tagged("Rosenstein", "Rosenstein", true, 3, 4));
    List<CorpusGazetteer.Person> persons =
        List.of(
            new CorpusGazetteer.Person("Mike Pence", 150),
            new CorpusGazetteer.Person("Karen Pence", 5),
            new CorpusGazetteer.Person("Robert Mueller", 80),
            new CorpusGazetteer.Person("Hillary Clinton", 60),
            new CorpusGazetteer.Person("Bill Clinton", 40),
            new CorpusGazetteer.Person("George Washington", 30),
            new CorpusGazetteer.Person("Nancy Pelosi", 4),
            new CorpusGazetteer.Person("Donald Trump Jr.", 4),
            new CorpusGazetteer.Person("Kim Jong Un", 70),
            new CorpusGazetteer.Person("Rod Rosenstein", 12));
    UntaggedNames gazetteer =
        CorpusGazetteer.of(tagged, persons, Map.of("Xi", "Xi Jinping"), 0.9, 5);
    String text =
        "Pence, Mueller, Clinton, Washington, Pelosi, Trump, Un, Karen, Rosenstein and Xi spoke;"
            + " Mike Pence too.";
    List<Hit> hits = gazetteer.find(text, 0, new int[] {0}, new int[] {text.length()}, List.of());
    List<String> found = new ArrayList<>();
    hits.forEach(h -> found.add(h.surface() + " -> " + h.entity()));
    assertThat(found)
        .as(
            "a dominant family name (Pence 150 of 155; Mueller, tagged as him in 31 of 36;"
                + " Rosenstein, tagged mostly as the bare word), a"
                + " family name that is mostly a place or split (Washington, Clinton) or too rare"
                + " (Pelosi, Trump of Donald Trump Jr.) or too short (Un) is none, an alias is one")
        .containsExactly(
            "Pence -> Mike Pence",
            "Mueller -> Robert Mueller",
            "Rosenstein -> Rod Rosenstein",
            "Xi -> Xi Jinping",
            "Pence -> Mike Pence");
  }

  @Test
  void aCutSpanStandsForTheOnePersonWhoDominatesTheNamesItStarts() {
    List<CorpusGazetteer.Person> persons =
        List.of(
            new CorpusGazetteer.Person("Kim Jong Un", 37),
            new CorpusGazetteer.Person("Kim Jong Il", 1),
            new CorpusGazetteer.Person("Kim Jong Nam", 1),
            new CorpusGazetteer.Person("Kim Jong", 3),
            new CorpusGazetteer.Person("Martin Luther King Jr.", 20),
            new CorpusGazetteer.Person("Martin Luther", 3),
            new CorpusGazetteer.Person("George Washington Carver", 6),
            new CorpusGazetteer.Person("George Washington", 40),
            new CorpusGazetteer.Person("Donald Trump Jr.", 40),
            new CorpusGazetteer.Person("Donald Trump", 30),
            new CorpusGazetteer.Person("Mary Ann Smith", 3),
            new CorpusGazetteer.Person("Anna Maria Lopez", 9),
            new CorpusGazetteer.Person("Anna Maria", 1),
            new CorpusGazetteer.Person("Jose Maria Aznar", 8),
            new CorpusGazetteer.Person("Jose Maria Figueres", 6));
    UntaggedNames gazetteer = CorpusGazetteer.of(List.of(), persons, Map.of(), 0.9, 5);
    assertThat(gazetteer.spans())
        .as(
            "Kim Jong Un has 37 of the 39 articles of the longer names, and Kim Jong alone 3"
                + " beside his 37; Martin Luther (3 beside 20) and George Washington (40 beside"
                + " 6) are themselves; Anna Maria alone in exactly a tenth (1 beside 9) is"
                + " rare enough; a suffix makes no span (Donald Trump); too rare (Mary Ann);"
                + " split (Jose Maria)")
        .containsAllEntriesOf(Map.of("Kim Jong", "Kim Jong Un", "Anna Maria", "Anna Maria Lopez"))
        .doesNotContainKeys(
            "Martin Luther", "George Washington", "Donald Trump", "Mary Ann", "Jose Maria");
    String text = "Kim Jong spoke.";
    assertThat(gazetteer.find(text, 0, new int[] {0}, new int[] {text.length()}, List.of()))
        .as("a cut span is not looked for in the text")
        .isEmpty();
  }

  @Test
  void aFamilyNameOfSeveralWordsStandsForTheOnePersonWhoDominatesTheNamesItEnds() {
    List<CorpusGazetteer.Person> persons =
        List.of(
            new CorpusGazetteer.Person("Donald Trump", 50),
            new CorpusGazetteer.Person("Alexandria Ocasio Cortez", 8),
            new CorpusGazetteer.Person("Ocasio Cortez", 2),
            new CorpusGazetteer.Person("Trump Ocasio Cortez", 2),
            new CorpusGazetteer.Person("Marine John Kelly", 6),
            new CorpusGazetteer.Person("John Kelly", 2),
            new CorpusGazetteer.Person("John Bolton", 20),
            new CorpusGazetteer.Person("Mary Elizabeth Warren", 6),
            new CorpusGazetteer.Person("Elizabeth Warren", 200),
            new CorpusGazetteer.Person("Ana Maria Lopez", 6),
            new CorpusGazetteer.Person("Rosa Maria Lopez", 5),
            new CorpusGazetteer.Person("Mary Ann Smith", 3));
    UntaggedNames gazetteer = CorpusGazetteer.of(List.of(), persons, Map.of(), 0.9, 5);
    assertThat(gazetteer.spans())
        .as(
            "Ocasio Cortez ends her name and, but for a name run together with Trump's, no"
                + " other; John is a given name of 20 other articles; Elizabeth Warren alone"
                + " outnumbers Mary Elizabeth Warren; Maria Lopez is split; Ann Smith too rare")
        .containsEntry("Ocasio Cortez", "Alexandria Ocasio Cortez")
        .doesNotContainKeys("John Kelly", "Elizabeth Warren", "Maria Lopez", "Ann Smith");
    assertThat(
            CorpusGazetteer.of(
                    List.of(),
                    persons.stream().filter(p -> !p.entity().equals("Donald Trump")).toList(),
                    Map.of(),
                    0.9,
                    5)
                .spans())
        .as("where Trump is no written name, Trump Ocasio Cortez is a longer name: 8 of 10")
        .doesNotContainKey("Ocasio Cortez");
    String text = "Ocasio Cortez spoke.";
    assertThat(gazetteer.find(text, 0, new int[] {0}, new int[] {text.length()}, List.of()))
        .as("a family span is not looked for in the text")
        .isEmpty();
  }

  @Test
  void aRarePersonNameOfTwoWrittenNamesOfTwoPersonsIsThemRunTogether() {
    List<CorpusGazetteer.Tagged> tagged =
        List.of(
            new CorpusGazetteer.Tagged("Lee", "Robert Lee", true, 10, 10),
            new CorpusGazetteer.Tagged("Jackson", "Ronny Jackson", true, 10, 10),
            new CorpusGazetteer.Tagged("Ali", "Ali", true, 9, 9),
            new CorpusGazetteer.Tagged("Ayatollah", "Ayatollah", true, 9, 9),
            new CorpusGazetteer.Tagged("Fenner", "Fenner", true, 5, 5));
    List<CorpusGazetteer.Person> persons =
        List.of(
            new CorpusGazetteer.Person("Donald Trump", 50),
            new CorpusGazetteer.Person("Alexandria Ocasio Cortez", 8),
            new CorpusGazetteer.Person("Trump Ocasio Cortez", 2),
            new CorpusGazetteer.Person("Trump Kim", 2),
            new CorpusGazetteer.Person("Trump Gowdy", 2),
            new CorpusGazetteer.Person("Pelosi Mueller", 6),
            new CorpusGazetteer.Person("Nancy Pelosi", 30),
            new CorpusGazetteer.Person("Robert Mueller", 100),
            new CorpusGazetteer.Person("Robert Lee", 10),
            new CorpusGazetteer.Person("Ronny Jackson", 10),
            new CorpusGazetteer.Person("Sheila Jackson Lee", 3),
            new CorpusGazetteer.Person("Jackson Lee", 1),
            new CorpusGazetteer.Person("Ali", 9),
            new CorpusGazetteer.Person("Ali Khamenei", 3),
            new CorpusGazetteer.Person("Ayatollah", 9),
            new CorpusGazetteer.Person("Ayatollah Khamenei", 1),
            new CorpusGazetteer.Person("Ali Akbar Velayati", 6),
            new CorpusGazetteer.Person("Ali Hosseini", 2),
            new CorpusGazetteer.Person("Ali Fenner", 1),
            new CorpusGazetteer.Person("Fenner", 5));
    UntaggedNames gazetteer =
        CorpusGazetteer.of(tagged, persons, Map.of("Khamenei", "Ayatollah Khamenei"), 0.9, 5);
    assertThat(gazetteer.runTogether())
        .as(
            "Trump and the family span Ocasio Cortez run together in 2 articles (Trump starts"
                + " names of 6 articles but ends Donald Trump's 50: no given name); not Pelosi"
                + " Mueller (6 articles, a name of its own), nor Jackson Lee, the last words of a longer"
                + " name, nor names after the given name Ali (first word of 12 articles' names, last of none):"
                + " Ali Fenner; nor Ayatollah Khamenei, whose second part (an alias) is himself")
        .containsExactly("Trump Ocasio Cortez");
    String surface = "Trump Ocasio-Cortez's";
    assertThat(gazetteer.parts(surface, "Trump Ocasio Cortez", 100, 100 + surface.length()))
        .as("the two names at their characters, the possessive aside")
        .containsExactly(
            new UntaggedNames.Part(100, 105, "Trump", "Donald Trump"),
            new UntaggedNames.Part(106, 119, "Ocasio-Cortez", "Alexandria Ocasio Cortez"));
    assertThat(gazetteer.parts(surface, "Trump Ocasio Cortez", 100, 110))
        .as("a surface that is not the text at its offsets")
        .isEmpty();
    assertThat(gazetteer.parts("Jackson Lee", "Jackson Lee", 0, 11))
        .as("a name that is not run together")
        .isEmpty();
  }

  private static List<String> surfaces(List<Hit> hits) {
    List<String> s = new ArrayList<>();
    hits.forEach(h -> s.add(h.surface()));
    return s;
  }
}
