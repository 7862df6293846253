package org.newsgraph.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.newsgraph.nlp.PersonVariants.Variant;

/** Tests {@link PersonVariants}: variant keys of person names, middle initials apart. */
class PersonVariantsTest {

  @Test
  void aShortGivenNameAndMiddleInitialsGiveTheFullNamesKey() {
    assertThat(PersonVariants.of("Chuck Schumer"))
        .as("a short given name")
        .isEqualTo(new Variant("charles schumer", ""));
    assertThat(PersonVariants.of("Charles E. Schumer"))
        .as("a middle initial")
        .isEqualTo(new Variant("charles schumer", "E"));
    assertThat(PersonVariants.of("Charles Schumer"))
        .as("the full name")
        .isEqualTo(new Variant("charles schumer", ""));
    assertThat(PersonVariants.of("George H.W. Bush"))
        .as("two dotted initials")
        .isEqualTo(new Variant("george bush", "HW"));
    assertThat(PersonVariants.of("George W Bush"))
        .as("an initial without its dot")
        .isEqualTo(new Variant("george bush", "W"));
  }

  @Test
  void wordsThatAreNoMiddleInitialsStayInTheKey() {
    assertThat(PersonVariants.of("Kim Jong Un").key()).as("three words").isEqualTo("kim jong un");
    assertThat(PersonVariants.of("Donald Trump Jr.").key())
        .as("a suffix, its dot dropped")
        .isEqualTo("donald trump jr");
    assertThat(PersonVariants.of("Donald Trump Jr").key())
        .as("the same suffix without its dot")
        .isEqualTo("donald trump jr");
    assertThat(PersonVariants.of("Alexandria Ocasio Cortez").key())
        .as("two family names")
        .isEqualTo("alexandria ocasio cortez");
    assertThat(PersonVariants.of("Beto O\u2019Rourke").key())
        .as("a typographic apostrophe is the typed one")
        .isEqualTo(PersonVariants.of("Beto O'Rourke").key());
    assertThat(PersonVariants.of("Jeff Sessions").key())
        .as("Jeff stands for Jeffrey")
        .isEqualTo("jeffrey sessions");
    assertThat(PersonVariants.of("Chris Christie").key())
        .as("Chris stands for several names and is kept")
        .isEqualTo("chris christie");
  }

  @Test
  void namesWithoutAGivenAndAFamilyNameHaveNoKey() {
    assertThat(PersonVariants.of("Trump")).as("one word").isNull();
    assertThat(PersonVariants.of("J. Edgar Hoover")).as("an initial first").isNull();
    assertThat(PersonVariants.of("Charles E.")).as("a given name and an initial").isNull();
    assertThat(PersonVariants.of("Charles Jr.")).as("a given name and a suffix").isNull();
    assertThat(PersonVariants.of(null)).as("null").isNull();
  }

  @Test
  void theLeadingRunsAreTheSpansShorterThanTheNameWithoutItsSuffix() {
    assertThat(PersonVariants.leadingRuns("Kim Jong Un"))
        .as("three words")
        .containsExactly("Kim Jong");
    assertThat(PersonVariants.leadingRuns("Martin Luther King Jr."))
        .as("a suffix is no word of the name, and the name without it another person")
        .containsExactly("Martin Luther");
    assertThat(PersonVariants.leadingRuns("Donald Trump Jr."))
        .as("the name without its suffix is another person")
        .isEmpty();
    assertThat(PersonVariants.leadingRuns("Mike Pence")).as("two words").isEmpty();
    assertThat(PersonVariants.leadingRuns("Trump")).as("one word").isEmpty();
  }

  @Test
  void theTrailingRunsAreTheLastWordsAfterAtLeastOneWordBeforeTheSuffix() {
    assertThat(PersonVariants.trailingRuns("Alexandria Ocasio Cortez"))
        .as("three words")
        .containsExactly("Ocasio Cortez");
    assertThat(PersonVariants.trailingRuns("Andres Manuel Lopez Obrador"))
        .as("four words, longest first")
        .containsExactly("Manuel Lopez Obrador", "Lopez Obrador");
    assertThat(PersonVariants.trailingRuns("Martin Luther King Jr."))
        .as("a suffix is no word of the name")
        .containsExactly("Luther King");
    assertThat(PersonVariants.trailingRuns("Donald Trump Jr."))
        .as("two words and a suffix")
        .isEmpty();
    assertThat(PersonVariants.trailingRuns("Mike Pence")).as("two words").isEmpty();
    assertThat(PersonVariants.trailingRuns(null)).as("null").isEmpty();
  }

  @Test
  void theFamilyNameIsTheLastWordBeforeASuffix() {
    assertThat(PersonVariants.familyName("Mike Pence")).as("two words").isEqualTo("Pence");
    assertThat(PersonVariants.familyName("Donald Trump Jr.")).as("a suffix").isEqualTo("Trump");
    assertThat(PersonVariants.familyName("Beto O’Rourke"))
        .as("an inner apostrophe")
        .isEqualTo("O’Rourke");
    assertThat(PersonVariants.familyName("Alexandria Ocasio-Cortez"))
        .as("an inner hyphen")
        .isEqualTo("Ocasio-Cortez");
    assertThat(PersonVariants.familyName("Madonna")).as("one word").isNull();
    assertThat(PersonVariants.familyName("Charles E.")).as("an initial last").isNull();
    assertThat(PersonVariants.familyName("Kanye West 2020")).as("not letters").isNull();
  }
}
