package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.newsgraph.testing.TestRules;

/**
 * Tests {@link PathNames}: the names a dated-text file's source and the namespace of input ids take
 * from the file's path, so that a nightly drop layout does not turn folder dates into data.
 */
class PathNamesTest {

  @Test
  void directoriesAboveTheFileAreNamedByLevel() {
    String file = "s3a://bucket/incoming/reuters/2018-09-12/story.txt";
    assertThat(PathNames.resolve("{dir}", file))
        .as("the directory that holds the file")
        .isEqualTo("2018-09-12");
    assertThat(PathNames.resolve("{dir:1}", file)).as("{dir:1} is {dir}").isEqualTo("2018-09-12");
    assertThat(PathNames.resolve("{dir:2}", file))
        .as("the source above the date folder")
        .isEqualTo("reuters");
    assertThat(PathNames.resolve("{dir:3}", file)).isEqualTo("incoming");
    assertThat(PathNames.resolve("{dir:4}", file)).as("the bucket is no directory").isNull();
    assertThat(PathNames.resolve("{dir:9}", "/data/a.txt")).as("too few directories").isNull();
    assertThat(PathNames.resolve("{dir}", "file:/a.txt")).as("a file at the root").isNull();
    assertThat(PathNames.resolve("{dir}", "hdfs://nn:8020/news/a.txt")).isEqualTo("news");
  }

  @Test
  void fixedNamesAndNoName() {
    assertThat(PathNames.resolve("wire", "/in/2018-09-12/a.txt")).isEqualTo("wire");
    assertThat(PathNames.resolve("", "/in/2018-09-12/a.txt")).isNull();
  }

  @Test
  void onlyKnownPlaceholdersAreAccepted() {
    assertThat(PathNames.problem("{dir}")).isNull();
    assertThat(PathNames.problem("{dir:2}")).isNull();
    assertThat(PathNames.problem("")).isNull();
    assertThat(PathNames.problem("wire")).isNull();
    assertThat(PathNames.problem("{file}")).as("an unknown placeholder").contains("{dir:N}");
    assertThat(PathNames.problem("{dir:0}")).as("levels start at 1").isNotNull();
    assertThat(PathNames.problem("{dir")).isNotNull();
  }

  @Test
  void aDroppedFileKeepsItsSourceAndIdWhateverTheNight() {
    IngestRules base = TestRules.rules(100);
    IngestRules rules =
        new IngestRules(
            base.fields(),
            base.zone(),
            base.minDate(),
            base.maxDate(),
            base.text(),
            "{dir:2}",
            "{dir:2}",
            base.maxRawChars(),
            base.csvDelimiter(),
            base.language(),
            base.datelines(),
            base.maxFileBytes(),
            base.maxRecordBytes());
    String content = "date 2018-09-11\nThe summit in Singapore ended with a joint statement.\n";
    ParsedRecord first =
        ArticleParsers.datedText("/incoming/reuters/2018-09-12/summit.txt", content, rules);
    ParsedRecord again =
        ArticleParsers.datedText("/incoming/reuters/2018-09-13/summit.txt", content, rules);
    assertThat(first.source()).as("source from the folder above the night's").isEqualTo("reuters");
    assertThat(again.articleId())
        .as("the same file dropped on two nights")
        .isEqualTo(first.articleId());
    assertThat(again.source()).isEqualTo(first.source());
    assertThat(rules.namespacedId("/incoming/allsides/2018-09-12/a.jsonl", "x1"))
        .as("input ids keep their namespace across nights")
        .isEqualTo("allsides:x1");
  }
}
