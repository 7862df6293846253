package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Datelines}: the Reuters and AP forms of the default pattern on article openings
 * written for the tests, what is no dateline, and a custom or empty pattern.
 */
class DatelinesTest {

  private static final Datelines DEFAULT = new Datelines(Datelines.DEFAULT_PATTERN);

  @Test
  void wireDatelinesAreFoundAsTheTextStartsWithThem() {
    Map<String, String> openings = new LinkedHashMap<>();
    // Reuters, 1987
    openings.put("WASHINGTON, March 1 - The council met on Sunday.", "WASHINGTON, March 1 -");
    openings.put(
        "PORTLAND, Ore., Feb 26 - The mill said it would close.", "PORTLAND, Ore., Feb 26 -");
    openings.put("KASSEL, West Germany, March 26- Shares rose.", "KASSEL, West Germany, March 26-");
    openings.put("NEW YORK, April 9 -- Traders were cautious.", "NEW YORK, April 9 --");
    openings.put("ROME, March 13, Reuter - Rates rose.", "ROME, March 13, Reuter -");
    openings.put("Ottawa, Apr 7- The bank said rates held.", "Ottawa, Apr 7-");
    openings.put("SAO PAULO, APRIL 2 - Rain fell.", "SAO PAULO, APRIL 2 -");
    openings.put("st paul, april 2 - hog prices rose.", "st paul, april 2 -");
    // Reuters today
    openings.put("WASHINGTON (Reuters) - The Senate voted.", "WASHINGTON (Reuters) -");
    openings.put("ALEXANDRIA, Va. (Reuters) - A jury met.", "ALEXANDRIA, Va. (Reuters) -");
    openings.put("BRUSSELS/BERLIN (Reuters) - Ministers met.", "BRUSSELS/BERLIN (Reuters) -");
    openings.put(
        "ORANGE, Texas/HOUSTON (Reuters) - Rescuers searched.",
        "ORANGE, Texas/HOUSTON (Reuters) -");
    openings.put("(Reuters) - The company said profits rose.", "(Reuters) -");
    openings.put("Oct 24 (Reuters) - The utility said power was back.", "Oct 24 (Reuters) -");
    // AP and others
    openings.put("WASHINGTON (AP) — The House voted.", "WASHINGTON (AP) —");
    openings.put("PALM BEACH, Fla. (AP) — The president golfed.", "PALM BEACH, Fla. (AP) —");
    openings.put("Paris (AFP) - The minister resigned.", "Paris (AFP) -");
    openings.put("Washington (CNN) The vote was close.", "Washington (CNN)");
    // A place in capitals and a dash
    openings.put("WASHINGTON – The committee met.", "WASHINGTON –");
    openings.put("PHOENIX — Voters lined up early.", "PHOENIX —");
    openings.put("FENTON, Iowa — The senator spoke.", "FENTON, Iowa —");
    openings.put("COLUMBIA, S.C. — The crowd was small.", "COLUMBIA, S.C. —");
    openings.put("ST. LOUIS -- Fans gathered.", "ST. LOUIS --");
    for (Map.Entry<String, String> e : openings.entrySet()) {
      String dateline = DEFAULT.find(e.getKey());
      assertThat(dateline).as("dateline of '%s'", e.getKey()).isEqualTo(e.getValue());
      assertThat(e.getKey()).as("text starts with its dateline").startsWith(dateline);
    }
  }

  @Test
  void labelsNamesAndSentencesAreNoDatelines() {
    List<String> openings =
        List.of(
            "FILE - In this photo, the senator speaks.",
            "FILE PHOTO - The senator speaks.",
            "FILE- In this photo, a crowd gathers.",
            "UPDATE - The vote was moved.",
            "EXCLUSIVE - Documents show a deal.",
            "Donald Trump — the president — spoke.",
            "Donald Trump (R) said so.",
            "The talks ended - for now.",
            "On the morning of July 4 — a parade.",
            "In WASHINGTON - the capital - rain fell.",
            "WASHINGTON said nothing.",
            "WASHINGTON-BASED groups met.",
            "Trump met Kim.\nWASHINGTON (Reuters) - a later line.",
            "",
            "   ");
    for (String opening : openings) {
      assertThat(DEFAULT.find(opening)).as("dateline of '%s'", opening).isNull();
    }
    assertThat(DEFAULT.find(null)).as("null text").isNull();
  }

  @Test
  void aCustomPatternOrNone() {
    Datelines byline = new Datelines("By [A-Z][a-z]+ [A-Z][a-z]+,? [A-Z ]+ \\|");
    assertThat(byline.find("By Ann Lee, USA TODAY | The vote was close."))
        .as("custom pattern")
        .isEqualTo("By Ann Lee, USA TODAY |");
    assertThat(byline.find("WASHINGTON (Reuters) - The vote was close."))
        .as("custom pattern replaces the default")
        .isNull();
    assertThat(new Datelines("\\s*").find("WASHINGTON - x"))
        .as("an empty match is no dateline")
        .isNull();
    assertThat(new Datelines("").find("WASHINGTON (Reuters) - x")).as("empty pattern").isNull();
    assertThat(Datelines.OFF.find("WASHINGTON (Reuters) - x")).as("OFF").isNull();
  }

  @Test
  void anInvalidPatternFailsWhenBuilt() {
    assertThatThrownBy(() -> new Datelines("WASHINGTON ("))
        .as("unclosed group")
        .isInstanceOf(PatternSyntaxException.class);
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(DEFAULT);
    }
    Datelines copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Datelines) in.readObject();
    }
    assertThat(copy.find("WASHINGTON (AP) — The House voted."))
        .as("as when Spark ships the instance to executors")
        .isEqualTo("WASHINGTON (AP) —");
  }
}
