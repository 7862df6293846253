package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsgraph.ingest.GluedWords.Repaired;

/**
 * Tests {@link GluedWords} on short articles written for the tests: joins split when the article
 * gives the evidence, names and brands with inner capitals kept, repairs counted.
 */
class GluedWordsTest {

  @Test
  void joinsWhosePartsTheArticleUsesAloneAreSplit() {
    String article =
        "Kim Jong Un met Trump in Singapore. Senators Harris and Warren, the GOP and McConnell"
            + " reacted; Schumer spoke on Overnight radio. Manafort was quiet.\n\n"
            + "Related: Kim Jong UnTrump summit. Kamala HarrisWarren plan. Donald TrumpGOP"
            + " senators. Mitch McConnellGOP leaders. Chuck SchumerOvernight. ManafortManafort.";
    Repaired r = GluedWords.repair(article);
    assertThat(r.text())
        .as("every join split with one space, nothing else changed")
        .isEqualTo(
            "Kim Jong Un met Trump in Singapore. Senators Harris and Warren, the GOP and McConnell"
                + " reacted; Schumer spoke on Overnight radio. Manafort was quiet.\n\n"
                + "Related: Kim Jong Un Trump summit. Kamala Harris Warren plan. Donald Trump GOP"
                + " senators. Mitch McConnell GOP leaders. Chuck Schumer Overnight. Manafort"
                + " Manafort.");
    assertThat(r.repairs()).as("repairs: one per join").isEqualTo(6);
  }

  @Test
  void aLinkFollowedByItsTooltipIsSplitWithoutTheNextWordElsewhere() {
    String article =
        "The envoy met President Trump Donald John TrumpTop diplomat says talks will go on."
            + " Trump said little.";
    assertThat(GluedWords.repair(article))
        .as("'Top' is nowhere else, but 'Trump' is one of the words just before the join")
        .isEqualTo(
            new Repaired(
                "The envoy met President Trump Donald John Trump Top diplomat says talks will go"
                    + " on. Trump said little.",
                1));
  }

  @Test
  void joinsWhosePartsDoNotAppearElsewhereAreKept() {
    String article =
        "Joe Biden spoke in Iowa on Monday. Later the BidenHouse event drew a crowd, and"
            + " reporters asked about NorthStar, a firm nobody had named.";
    assertThat(GluedWords.repair(article))
        .as("'House', 'North' and 'Star' are no words of their own here")
        .isEqualTo(new Repaired(article, 0));
  }

  @Test
  void namesWithParticlesAndInnerCapitalsStayWhole() {
    String article =
        "Mc and Mac, De and La, Le and Lo, Di and Van: none of these start a glued pair. Arthur,"
            + " Connell, Santis, Bron, Donald, Vos, Pierre, Biondo and Genova are names too.\n\n"
            + "McConnell, DeSantis, LeBron, MacArthur, McDonald, DeVos, LaPierre, LoBiondo and"
            + " diGenova were all mentioned once.";
    assertThat(GluedWords.repair(article))
        .as("name particles before the capital, and a word starting in lower case")
        .isEqualTo(new Repaired(article, 0));
  }

  @Test
  void brandsWithInnerCapitalsStayWhole() {
    String article =
        "You can watch it on YouTube. Pay with PayPal, read WikiLeaks or BuzzFeed, ship with FedEx"
            + " after the Fed meets, write for HuffPost or the Washington Post. In short, LinkedIn"
            + " lists it. Space fans follow SpaceX; Prager founded PragerU. Buy an iPhone.";
    assertThat(GluedWords.repair(article))
        .as(
            "one part is no word of its own (Tube, Pal, Wiki, Buzz, Ex, Huff, Linked), or the"
                + " second part has one letter (SpaceX, PragerU), or the word starts in lower case")
        .isEqualTo(new Repaired(article, 0));
  }

  @Test
  void aWordTheArticleWritesTwiceIsItsSpelling() {
    String article =
        "The Fed and an ex-partner of the firm: Ex and Fed are both words here. FedEx said so, and"
            + " FedEx said it again. Obama and Care: the ObamaCare law, or Obamacare.";
    assertThat(GluedWords.repair(article))
        .as("FedEx twice, ObamaCare also written Obamacare")
        .isEqualTo(new Repaired(article, 0));
  }

  @Test
  void handlesHashtagsAddressesAndLinksStayWhole() {
    List<String> kept =
        List.of(
            "@JoeBiden",
            "#MeToo",
            "@realDonaldTrump",
            "JoeBiden@example.com",
            "https://www.example.com/JoeBiden/MeToo",
            "www.JoeBiden.com",
            "JoeBiden.com",
            "example.com/JoeBiden",
            "(@Sen_JoeBiden)",
            "JoeBiden2020");
    for (String token : kept) {
      String article = "Joe Biden said Me Too. Too late for me, said Joe. Biden left. " + token;
      assertThat(GluedWords.repair(article))
          .as("'%s' in an article that uses its parts alone", token)
          .isEqualTo(new Repaired(article, 0));
    }
  }

  @Test
  void severalJoinsInOneWordAreEachCounted() {
    String article = "Sanders, Warren and Harris debated. Later: SandersWarrenHarris.";
    assertThat(GluedWords.repair(article))
        .as("two joins in one word")
        .isEqualTo(
            new Repaired("Sanders, Warren and Harris debated. Later: Sanders Warren Harris.", 2));
  }

  @Test
  void lettersBeyondAsciiAndCombiningMarks() {
    String article = "Julián Castro and Castro's rivals; Harris, JuliánCastro and Biden.";
    assertThat(GluedWords.repair(article))
        .as("accented letters belong to words")
        .isEqualTo(
            new Repaired("Julián Castro and Castro's rivals; Harris, Julián Castro and Biden.", 1));
    String decomposed = "Jose\u0301 Diaz and JoseDiaz? No: Jose\u0301Diaz.";
    assertThat(GluedWords.repair(decomposed).text())
        .as("a combining accent does not end the word before the join")
        .isEqualTo("Jose\u0301 Diaz and JoseDiaz? No: Jose\u0301 Diaz.");
  }

  @Test
  void nullAndTextsWithoutJoins() {
    assertThat(GluedWords.repair(null)).as("null").isEqualTo(new Repaired("", 0));
    assertThat(GluedWords.repair("")).as("empty").isEqualTo(new Repaired("", 0));
    assertThat(GluedWords.repair("Plain news, no joins.").repairs()).as("plain").isZero();
  }
}
