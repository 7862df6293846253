package org.newsgraph.nlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alias file format and lookups. */
class AliasTableTest {

  @Test
  void aliasesMatchIgnoringCaseAndKeepPersonsApart() {
    AliasTable t =
        AliasTable.parse(
            List.of(
                "# comment",
                "",
                "U.S.\tUnited States\tLOCATION",
                "Kim Jong Eun\tKim Jong Un\tperson"),
            "test");
    assertThat(t.size()).isEqualTo(2);
    assertThat(t.lookup("u.s.", "ORGANIZATION"))
        .as("a place alias applies to any non-person type")
        .isEqualTo(new AliasTable.Target("United States", "LOCATION"));
    assertThat(t.lookup("U.S.", "PERSON")).as("never to a person").isNull();
    assertThat(t.lookup("Kim  Jong Eun", "PERSON"))
        .as("a person alias, spaces collapsed, type upper-cased")
        .isEqualTo(new AliasTable.Target("Kim Jong Un", "PERSON"));
    assertThat(t.lookup("Kim Jong Eun", "LOCATION")).as("never to a non-person").isNull();
  }

  @Test
  void badLinesAreErrorsNamingTheLine() {
    assertThatThrownBy(() -> AliasTable.parse(List.of("# x", "US United States"), "aliases.tsv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("aliases.tsv line 2")
        .hasMessageContaining("3 tab-separated columns");
    assertThatThrownBy(
            () ->
                AliasTable.parse(
                    List.of("US\tUnited States\tLOCATION", "us\tUnion Station\tLOCATION"), "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a line 2")
        .hasMessageContaining("already maps to United States");
  }

  @Test
  void personAliasesKeepTheirWrittenForm() {
    AliasTable table =
        AliasTable.parse(
            List.of(
                "Putin\tVladimir Putin\tPERSON",
                "Kim  Jong-un\tKim Jong Un\tPERSON",
                "US\tUnited States\tLOCATION"),
            "test");
    assertThat(table.writtenPersonNames())
        .as("person aliases as written, spaces folded; other types left out")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("Putin", "Vladimir Putin", "Kim Jong-un", "Kim Jong Un"));
  }
}
