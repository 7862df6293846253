package org.newsgraph.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsgraph.errors.NewsgraphException;

/** Tests {@link InputFiles#find}: walking, classifying and sorting input files, and its errors. */
class InputFilesTest {

  private final Configuration conf = new Configuration();

  @TempDir Path root;

  private Path touch(String relative) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, "date 2018-07-16 x");
  }

  /** The path as the local Hadoop file system reports it: {@code file:/abs/path}. */
  private String hadoop(String relative) {
    return "file:" + root.resolve(relative).toAbsolutePath();
  }

  @Test
  void anOutputOverlappingAnInputIsRefusedInEitherDirection() throws IOException {
    touch("corpus/a.txt");
    Files.createDirectories(root.resolve("out/articles"));
    String corpus = root.resolve("corpus").toString();
    assertThatThrownBy(
            () ->
                InputFiles.checkApart(List.of(corpus), root.resolve("corpus/out").toString(), conf))
        .as("output inside the input")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("overlaps the input " + corpus);
    assertThatThrownBy(
            () ->
                InputFiles.checkApart(
                    List.of("file://" + root.resolve("out/articles")),
                    root.resolve("out").toString(),
                    conf))
        .as("an input inside the output, written file:///")
        .isInstanceOf(NewsgraphException.class);
    assertThatThrownBy(
            () -> InputFiles.checkApart(List.of(corpus), "file:" + root.resolve("corpus"), conf))
        .as("the output is the input")
        .isInstanceOf(NewsgraphException.class);
    InputFiles.checkApart(List.of(corpus), root.resolve("corpus-out").toString(), conf);
    InputFiles.checkApart(
        List.of(root.resolve("corpus/a.txt").toString()), root.resolve("corp").toString(), conf);
  }

  @Test
  void directoryTreeIsClassifiedSortedAndHiddenFilesSkipped() throws IOException {
    touch("text/b.txt");
    touch("text/a.txt");
    touch("text/old/c.TXT.GZ");
    touch("json/2018.jsonl");
    touch("json/2017.jsonl.gz");
    touch("README.md");
    touch("json/notes.json");
    touch(".x.txt");
    touch("text/_SUCCESS");
    touch(".hidden/d.txt");
    touch("_tmp/e.jsonl");

    InputFiles files = InputFiles.find(List.of(root.toString()), conf);

    assertThat(files.datedText())
        .as("dated text files, sorted; hidden ones skipped")
        .containsExactly(hadoop("text/a.txt"), hadoop("text/b.txt"), hadoop("text/old/c.TXT.GZ"));
    assertThat(files.jsonLines())
        .as("JSON Lines files, sorted; hidden ones skipped")
        .containsExactly(hadoop("json/2017.jsonl.gz"), hadoop("json/2018.jsonl"));
    assertThat(files.ignored())
        .as("files of other formats, hidden ones not counted")
        .containsExactly(hadoop("README.md"), hadoop("json/notes.json"));
    assertThat(files.total()).as("total of both formats").isEqualTo(5);
  }

  @Test
  void severalInputsAndExplicitFilesAreCombined() throws IOException {
    touch("a/one.jsonl");
    touch("b/two.txt");
    touch("c/three.txt.gz");

    InputFiles files =
        InputFiles.find(
            List.of(root.resolve("c").toString(), root.resolve("b/two.txt").toString()), conf);

    assertThat(files.datedText())
        .as("a directory and an explicit file")
        .containsExactly(hadoop("b/two.txt"), hadoop("c/three.txt.gz"));
    assertThat(files.jsonLines()).as("JSON Lines outside the inputs").isEmpty();
  }

  @Test
  void globsAreExpanded() throws IOException {
    touch("a/one.txt");
    touch("a/two.txt");
    touch("a/three.jsonl");

    InputFiles files = InputFiles.find(List.of(root.resolve("a").toString() + "/*.txt"), conf);

    assertThat(files.datedText())
        .as("files matched by *.txt")
        .containsExactly(hadoop("a/one.txt"), hadoop("a/two.txt"));
    assertThat(files.jsonLines()).as("JSON Lines not matched by the glob").isEmpty();
  }

  @Test
  void aGlobMatchingOtherFilesIgnoresThemAndZeroByteFilesAreListedApart() throws IOException {
    touch("a/one.txt");
    touch("a/README.md");
    Files.write(root.resolve("a/empty.jsonl"), new byte[0]);

    InputFiles files = InputFiles.find(List.of(root.resolve("a").toString() + "/*"), conf);

    assertThat(files.datedText()).as("dated text").containsExactly(hadoop("a/one.txt"));
    assertThat(files.ignored())
        .as("matched by the glob, other format")
        .containsExactly(hadoop("a/README.md"));
    assertThat(files.emptyFiles()).as("zero-byte files").containsExactly(hadoop("a/empty.jsonl"));
    assertThat(files.jsonLines()).as("non-empty JSON Lines").isEmpty();
    assertThat(files.total()).as("files read, empty ones included").isEqualTo(2);
  }

  @Test
  void explicitFileWithUnknownExtensionIsAnError() throws IOException {
    touch("a/one.txt");
    Path csv = touch("a/articles.xml");
    assertThatThrownBy(() -> InputFiles.find(List.of(csv.toString()), conf))
        .as("an explicitly named .xml file")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("articles.xml")
        .hasMessageContaining("unsupported extension");
  }

  @Test
  void missingPathIsAnError() {
    String missing = root.resolve("nowhere").toString();
    assertThatThrownBy(() -> InputFiles.find(List.of(missing), conf))
        .as("a path that does not exist")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining(missing)
        .hasMessageContaining("does not exist");
  }

  @Test
  void directoryWithoutSupportedFilesIsAnError() throws IOException {
    touch("docs/README.md");
    touch("docs/data.xml");
    touch("docs/.hidden.txt");
    String dir = root.resolve("docs").toString();
    assertThatThrownBy(() -> InputFiles.find(List.of(dir), conf))
        .as("a directory of other formats only")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("No input files found under " + dir)
        .hasMessageContaining("2 file(s) with other extensions were ignored");
  }
}
