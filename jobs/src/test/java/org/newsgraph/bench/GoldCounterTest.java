package org.newsgraph.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The recall benchmark's gold files and independent counter, without Spark or models: the gold
 * files parse, and the counter's rules (datelines, variants, exclusions, glued words) hold on
 * sentences written for this test.
 */
class GoldCounterTest {

  private static final RecallGold ALLSIDES = RecallGold.forCorpus("allsides-article-bias");
  private static final RecallGold REUTERS = RecallGold.forCorpus("reuters-21578");
  private static final GoldCounter NEWS = new GoldCounter(ALLSIDES);
  private static final GoldCounter WIRE = new GoldCounter(REUTERS);

  @Test
  void goldFilesHaveMonthsAndEnoughPairs() {
    for (RecallGold gold : List.of(ALLSIDES, REUTERS)) {
      for (String month : gold.months()) {
        List<RecallGold.Pair> pairs = gold.pairsIn(month);
        long persons =
            pairs.stream()
                .filter(
                    p -> type(gold, p.a()).equals("PERSON") && type(gold, p.b()).equals("PERSON"))
                .count();
        assertThat(persons)
            .as("person-person pairs of %s %s", gold.corpus(), month)
            .isGreaterThanOrEqualTo(12);
        assertThat(pairs.size() - persons)
            .as("person-place pairs of %s %s", gold.corpus(), month)
            .isGreaterThanOrEqualTo(5);
      }
    }
    assertThat(ALLSIDES.months()).as("AllSides months").hasSizeGreaterThanOrEqualTo(3);
    assertThat(REUTERS.months()).as("Reuters months").isNotEmpty();
  }

  @Test
  void pairsAreInTheJobsOrder() {
    RecallGold.Pair p = new RecallGold.Pair("Kim Jong Un", "Donald Trump", Set.of());
    assertThat(List.of(p.a(), p.b()))
        .as("entity_a < entity_b")
        .containsExactly("Donald Trump", "Kim Jong Un");
  }

  @Test
  void wireDatelinesAreRemovedBeforeNamesAreTried() {
    assertThat(WIRE.names("Tokyo", "TOKYO, March 3 - Prime Minister Yasuhiro Nakasone said."))
        .as("a Reuters dateline does not name Tokyo")
        .isFalse();
    assertThat(
            WIRE.names(
                "Yasuhiro Nakasone", "TOKYO, March 3 - Prime Minister Yasuhiro Nakasone said."))
        .as("the story after the dateline is counted")
        .isTrue();
    assertThat(WIRE.names("Tokyo", "TOKYO, March 3 - Nakasone flew back to Tokyo on Friday."))
        .as("Tokyo in the story")
        .isTrue();
    assertThat(WIRE.names("Brazil", "RIO DE JANEIRO, MARCH 5 - Brazil's finance minister said."))
        .as("month in capitals")
        .isTrue();
    Map<String, String> datelines =
        Map.of(
            "WASHINGTON (Reuters) - The president said.", "WASHINGTON (Reuters) - ",
            "SEOUL/WASHINGTON (Reuters) - A senior official said.", "SEOUL/WASHINGTON (Reuters) - ",
            "Washington (CNN) The president said.", "Washington (CNN) ",
            "BEIJING (AP) — Tariffs rose.", "BEIJING (AP) — ",
            "Richard Roe\n\nUSA TODAY\n\nWASHINGTON – The president said.", "WASHINGTON – ",
            "MAE SAI, Thailand – Rescuers said.", "MAE SAI, Thailand – ",
            "SOWETO, South Africa, March 5 - Police said.", "SOWETO, South Africa, March 5 - ");
    datelines.forEach(
        (text, dateline) -> {
          int[] span = GoldCounter.dateline(text);
          assertThat(span).as("dateline of '%s'", text).isNotNull();
          assertThat(text.substring(span[0], span[1]))
              .as("dateline of '%s'", text)
              .isEqualTo(dateline);
        });
    for (String text :
        List.of(
            "Kim Jong Un — the leader of North Korea — said.",
            "Alexandria Ocasio-Cortez, the 28-year-old candidate, won.",
            "The court ruled 5-4 on Monday.",
            "A long first paragraph that is not a byline at all, it goes on and on and on.\n\n"
                + "WASHINGTON – Not a leading dateline any more.")) {
      assertThat(GoldCounter.dateline(text)).as("no dateline in '%s'", text).isNull();
    }
    String text = "BEIJING (AP) — China said.";
    assertThat(GoldCounter.withoutDateline(text)).as("blanked, same length").hasSize(text.length());
  }

  @Test
  void variantsTitlesPossessivesAndGluedWordsName() {
    assertThat(NEWS.names("Kim Jong Un", "He met Kim Jong-un.")).isTrue();
    assertThat(NEWS.names("Kim Jong Un", "He met Kim Jong Eun.")).isTrue();
    assertThat(NEWS.names("Kim Jong Un", "Related: Kim Jong UnTrump says"))
        .as("glued after")
        .isTrue();
    assertThat(NEWS.names("Donald Trump", "Related: Kim Jong UnTrump says"))
        .as("glued before")
        .isTrue();
    assertThat(NEWS.names("Donald Trump", "Sen. Orrin HatchTrump says")).isTrue();
    assertThat(NEWS.names("Donald Trump", "the TrumpGOP tax plan")).isTrue();
    assertThat(NEWS.names("Donald Trump", "President Trump's tweet")).isTrue();
    assertThat(NEWS.names("Donald Trump", "the Trump-Kim summit")).isTrue();
    assertThat(NEWS.names("Vladimir Putin", "Mr. Putin’s aides")).isTrue();
    assertThat(NEWS.names("Xi Jinping", "President Xi said")).isTrue();
    assertThat(NEWS.names("Alexandria Ocasio Cortez", "Rep. Ocasio-Cortez said")).isTrue();
    assertThat(NEWS.names("North Korea", "the DPRK said")).as("alias variant").isTrue();
    assertThat(NEWS.names("United States", "the U.S. said")).as("alias variant").isTrue();
    assertThat(NEWS.names("China", "China's exports")).isTrue();
  }

  @Test
  void ambiguousNamesRelativesAndNamesakesDoNotName() {
    assertThat(NEWS.names("Kim Jong Un", "Kim said, and the Trump-Kim summit"))
        .as("bare Kim")
        .isFalse();
    assertThat(NEWS.names("Michael Cohen", "Rep. Steve Cohen and Cohen said"))
        .as("bare Cohen")
        .isFalse();
    assertThat(NEWS.names("Donald Trump", "Melania Trump and Ivanka Trump visited")).isFalse();
    assertThat(NEWS.names("Donald Trump", "Donald Trump Jr. met; Trump Jr. said")).isFalse();
    assertThat(NEWS.names("Donald Trump", "a meeting at Trump Tower")).isFalse();
    assertThat(NEWS.names("Donald Trump", "the Trumpian style of @realDonaldTrump")).isFalse();
    assertThat(NEWS.names("China", "Chinese tariffs in the South China Sea")).isFalse();
    assertThat(NEWS.names("Russia", "Russian hackers")).isFalse();
    assertThat(NEWS.names("Mexico", "New Mexico and Mexico City")).isFalse();
    assertThat(NEWS.names("Xi Jinping", "the city of Xi'an")).isFalse();
    assertThat(NEWS.names("United States", "USA TODAY and Bank of America and Latin America"))
        .isFalse();
    assertThat(WIRE.names("James Baker", "Baker International Corp and Howard Baker")).isFalse();
    assertThat(WIRE.names("James Baker", "Treasury Secretary James Baker")).isTrue();
    assertThat(WIRE.names("Japan", "the Bank of Japan and Japanese exporters")).isFalse();
  }

  @Test
  void pairsCountArticlesNamingBoth() {
    List<GoldCounter.Article> articles =
        List.of(
            new GoldCounter.Article("c:1", "President Trump met Kim Jong Un in Singapore."),
            new GoldCounter.Article("c:2", "Trump met Kim in Singapore."),
            new GoldCounter.Article("c:3", "Kim Jong-un and Vladimir Putin."));
    Map<RecallGold.Pair, Set<String>> counts = NEWS.articlesByPair(articles, "2018-06");
    assertThat(counts.get(new RecallGold.Pair("Donald Trump", "Kim Jong Un", Set.of())))
        .as("Trump – Kim Jong Un")
        .containsExactly("c:1");
    assertThat(counts.get(new RecallGold.Pair("Kim Jong Un", "Vladimir Putin", Set.of())))
        .as("Kim Jong Un – Putin")
        .containsExactly("c:3");
    assertThat(counts.get(new RecallGold.Pair("Kim Jong Un", "Singapore", Set.of())))
        .as("Kim Jong Un – Singapore")
        .containsExactly("c:1");
  }

  @Test
  void badGoldFilesAreRefusedWithTheLine() {
    assertThatThrownBy(() -> RecallGold.parse("x", "month\t2018-07\nwho\tX\n", "g.tsv"))
        .hasMessageContaining("g.tsv line 2")
        .hasMessageContaining("unknown record");
    assertThatThrownBy(
            () ->
                RecallGold.parse("x", "month\t2018-07\nname\tA\tPERSON\tA\npair\tA\tB\n", "g.tsv"))
        .hasMessageContaining("line 3")
        .hasMessageContaining("B");
    assertThatThrownBy(() -> RecallGold.parse("x", "month\t2018-07\nname\tA\tPERSON\t(\n", "g.tsv"))
        .hasMessageContaining("bad regular expression");
  }

  private static String type(RecallGold gold, String entity) {
    return gold.entities().get(entity).type();
  }
}
