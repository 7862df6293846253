package org.newsgraph.udfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.newsgraph.udfs.AnnotationSchema.MentionFields;

/** Tests {@link RowBuilder}: values land in their named fields, whatever order they are set in. */
class RowBuilderTest {

  private final RowBuilder mentions = new RowBuilder(AnnotationSchema.MENTION);

  @Test
  void valuesLandInTheirNamedFieldsInAnyOrder() {
    Row r =
        mentions
            .row()
            .set(MentionFields.SENTENCE_INDEX, 3)
            .set(MentionFields.CHAR_END, 12)
            .set(MentionFields.TEXT, "Kim Jong Un")
            .set(MentionFields.CHAR_BEGIN, 1)
            .set(MentionFields.TYPE, "PERSON")
            .build();
    String[] names = AnnotationSchema.MENTION.fieldNames();
    assertThat(r.get(indexOf(names, MentionFields.TEXT))).as("text").isEqualTo("Kim Jong Un");
    assertThat(r.get(indexOf(names, MentionFields.TYPE))).as("type").isEqualTo("PERSON");
    assertThat(r.get(indexOf(names, MentionFields.CHAR_BEGIN))).as("char_begin").isEqualTo(1);
    assertThat(r.get(indexOf(names, MentionFields.CHAR_END))).as("char_end").isEqualTo(12);
    assertThat(r.get(indexOf(names, MentionFields.SENTENCE_INDEX)))
        .as("sentence_index")
        .isEqualTo(3);
  }

  @Test
  void anUnknownFieldIsABug() {
    assertThatThrownBy(() -> mentions.row().set("surface", "x"))
        .as("a name the schema lacks")
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no field 'surface'");
  }

  @Test
  void anUnsetFieldIsABug() {
    assertThatThrownBy(
            () ->
                mentions
                    .row()
                    .set(MentionFields.TEXT, "Putin")
                    .set(MentionFields.TYPE, "PERSON")
                    .build())
        .as("a row missing char_begin, char_end and sentence_index")
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not set");
  }

  @Test
  void nullIsAValue() {
    Row r =
        new RowBuilder(AnnotationSchema.DOCUMENT)
            .row()
            .set(AnnotationSchema.SENTENCES, List.of())
            .set(AnnotationSchema.MENTIONS, List.of())
            .set(AnnotationSchema.FAILURE, null)
            .set(AnnotationSchema.ERROR, null)
            .set(AnnotationSchema.SIGNATURE, "abc")
            .build();
    assertThat(
            r.isNullAt(indexOf(AnnotationSchema.DOCUMENT.fieldNames(), AnnotationSchema.FAILURE)))
        .as("failure set to null")
        .isTrue();
  }

  private static int indexOf(String[] names, String name) {
    return Arrays.asList(names).indexOf(name);
  }
}
