package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Language detection at ingest, on paragraphs written for this test. */
class LanguageCheckTest {

  private static final LanguageCheck ENGLISH = new LanguageCheck(List.of("en"), 200, 0.9);

  private static final String GERMAN =
      "Die Bundesregierung hat am Donnerstag in Berlin neue Maßnahmen gegen die steigenden"
          + " Energiepreise vorgestellt. Der Kanzler sagte vor Journalisten, die Entlastung solle"
          + " noch vor dem Winter bei den Bürgerinnen und Bürgern ankommen. Die Opposition warf"
          + " der Regierung vor, viel zu spät gehandelt zu haben.";
  private static final String FRENCH =
      "Le gouvernement a annoncé jeudi un nouveau plan pour soutenir les agriculteurs touchés par"
          + " la sécheresse de cet été. Le ministre de l'Agriculture a promis des aides rapides et"
          + " a reconnu que les récoltes de blé seraient les plus faibles depuis vingt ans dans"
          + " plusieurs régions du pays.";
  private static final String SPANISH =
      "El presidente del Gobierno anunció este jueves un paquete de medidas para frenar la subida"
          + " de los precios de la energía. Según el ministerio, las ayudas llegarán a más de"
          + " cuatro millones de hogares antes de que termine el año, aunque la oposición las"
          + " considera insuficientes.";
  private static final String RUSSIAN =
      "Правительство в четверг объявило о новых мерах поддержки семей с детьми. По словам"
          + " министра, выплаты начнутся уже в следующем месяце и затронут несколько миллионов"
          + " человек по всей стране, а бюджет на эти цели будет увеличен почти вдвое. Эксперты"
          + " считают, что программа поможет снизить бедность в регионах.";
  // Dutch shares "of" (or) with the English markers.
  private static final String DUTCH =
      "De regering heeft donderdag nieuwe maatregelen aangekondigd om de stijgende energieprijzen"
          + " te bestrijden. Volgens de minister komen de eerste betalingen nog voor de winter, maar"
          + " de oppositie vraagt of het kabinet niet veel te laat heeft gehandeld en of de steun"
          + " wel genoeg is voor gezinnen met lage inkomens.";
  private static final String ENGLISH_PROSE =
      "The president met the North Korean leader in Singapore on Tuesday, the first meeting"
          + " between a sitting American president and a leader of North Korea. Officials said"
          + " the two men signed a short statement on denuclearization, but gave few details"
          + " about how it would be verified or when talks would continue.";
  // Telegraphic figures of the kind wire services file: Lingua alone calls such texts Norwegian or
  // Welsh, the confidence margin keeps them.
  private static final String ENGLISH_FIGURES =
      "SPRINGFIELD, Ill., March 4 - Shr profit 12 cts vs loss seven cts\n"
          + "Net profit 1,204,000 vs loss 688,000\nRevs 14.2 mln vs 11.9 mln\n"
          + "Avg shrs 9,871,000 vs 9,650,000\nYear\nShr profit 41 cts vs loss 22 cts\n"
          + "Net profit 4,050,000 vs loss 2,113,000\nRevs 52.8 mln vs 47.1 mln\n"
          + "NOTE: Prior year net includes tax credit of 310,000 dlrs.";

  @Test
  void clearlyForeignArticlesGetTheirLanguageCode() {
    assertThat(RUSSIAN.codePoints().filter(Character::isLetter).count())
        .as("letters in the Russian paragraph")
        .isGreaterThanOrEqualTo(200);
    assertThat(ENGLISH.foreignLanguage(GERMAN)).as("German").isEqualTo("de");
    assertThat(ENGLISH.foreignLanguage(FRENCH)).as("French").isEqualTo("fr");
    assertThat(ENGLISH.foreignLanguage(SPANISH)).as("Spanish").isEqualTo("es");
    assertThat(ENGLISH.foreignLanguage(RUSSIAN)).as("Russian").isEqualTo("ru");
  }

  @Test
  void englishIsKeptIncludingTelegraphicFigures() {
    assertThat(ENGLISH.foreignLanguage(ENGLISH_PROSE)).as("prose").isNull();
    assertThat(ENGLISH.foreignLanguage(ENGLISH_FIGURES)).as("figures").isNull();
  }

  @Test
  void englishProseIsRecognisedWithoutLinguaAndOtherTextsAreNot() {
    assertThat(LanguageCheck.clearlyEnglish(ENGLISH_PROSE + " " + ENGLISH_PROSE))
        .as("English prose: the common function words")
        .isTrue();
    for (String text : List.of(GERMAN, FRENCH, SPANISH, RUSSIAN, DUTCH, ENGLISH_FIGURES)) {
      assertThat(LanguageCheck.clearlyEnglish(text + " " + text))
          .as("left to Lingua: %s", text.substring(0, 30))
          .isFalse();
    }
    assertThat(LanguageCheck.clearlyEnglish(ENGLISH_PROSE.substring(0, 150)))
        .as("too few words to say")
        .isFalse();
    assertThat(new LanguageCheck(List.of("de"), 200, 0.9).foreignLanguage(ENGLISH_PROSE))
        .as("English prose when only German is accepted: Lingua decides, English is foreign")
        .isEqualTo("en");
  }

  @Test
  void shortTextsAreNeverCalledForeign() {
    String shortGerman = "Der Kanzler sagte, die Entlastung komme bald.";
    assertThat(ENGLISH.foreignLanguage(shortGerman)).as("too few letters to judge").isNull();
    assertThat(new LanguageCheck(List.of("en"), 10, 0.9).foreignLanguage(shortGerman))
        .as("the same text with a lower letter minimum")
        .isEqualTo("de");
  }

  @Test
  void everyAcceptedLanguageIsKept() {
    LanguageCheck englishAndGerman = new LanguageCheck(List.of("en", "de"), 200, 0.9);
    assertThat(englishAndGerman.foreignLanguage(GERMAN)).as("German accepted").isNull();
    assertThat(englishAndGerman.foreignLanguage(FRENCH)).as("French still foreign").isEqualTo("fr");
  }

  @Test
  void onlyTheFirstCharactersAreSampled() {
    String germanThenEnglish = GERMAN.repeat(10) + " " + ENGLISH_PROSE.repeat(40);
    assertThat(germanThenEnglish.indexOf(ENGLISH_PROSE))
        .as("the English part starts after the sample")
        .isGreaterThan(LanguageCheck.SAMPLE_CHARS);
    assertThat(ENGLISH.foreignLanguage(germanThenEnglish)).isEqualTo("de");
  }

  @Test
  void offAcceptsEverything() {
    assertThat(LanguageCheck.OFF.enabled()).isFalse();
    assertThat(LanguageCheck.OFF.foreignLanguage(GERMAN)).isNull();
  }

  @Test
  void unknownCodesAreRejected() {
    assertThatThrownBy(() -> new LanguageCheck(List.of("en", "xx"), 200, 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'xx'");
  }
}
