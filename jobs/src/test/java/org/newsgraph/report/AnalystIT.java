package org.newsgraph.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsgraph.cli.RunJob;
import org.newsgraph.config.SettingKeys;
import org.newsgraph.config.Settings;
import org.newsgraph.entities.NamingConf;
import org.newsgraph.errors.NewsgraphException;
import org.newsgraph.periods.Grain;
import org.newsgraph.query.EntityReport;
import org.newsgraph.query.OutputQuery;
import org.newsgraph.query.PairReport;
import org.newsgraph.testing.SparkTestSession;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The analyst's commands on a real output (sample-data plus one article with a hostile title, with
 * real CoreNLP models): {@code pair} and {@code entity} in any order and spelling, the views of
 * docs/sql/spark.sql, and the report in a real browser (Debian's chromium through its chromedriver,
 * headless): every page loads without console errors, every chart has one point per period of its
 * pair as the tables say, a click leads from the top pairs to a pair page, and the hostile title
 * shows as text and runs nothing. Screenshots of each page type are written to
 * target/report-screenshots/.
 */
class AnalystIT extends SparkTestSession {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  // Written for this test: markup in a title, and a link that is a script.
  static final String HOSTILE_TITLE =
      "<script>window.__pwned = 1</script>\"><img src=x onerror=\"window.__pwned = 2\"> Summit"
          + " talk";
  private static final String HOSTILE_ARTICLE =
      "{\"id\": \"hostile-0001\", \"published\": \"2018-09-20\", \"source\": \"Test Wire\","
          + " \"title\": "
          + json(HOSTILE_TITLE)
          + ", \"url\": \"javascript:window.__pwned = 3\", \"text\": "
          + json(
              "Russian President Vladimir Putin said on Thursday that he would welcome another"
                  + " meeting with North Korean leader Kim Jong Un before the end of the year."
                  + " Officials in Moscow said no date had been set for such a meeting. The"
                  + " Kremlin spokesman told reporters that the two governments remained in close"
                  + " contact about rail and energy projects in the region. Analysts in Seoul said"
                  + " the statement was meant to keep Russia involved in talks on the peninsula."
                  + " Putin and Kim last met in a city in the Russian Far East, officials"
                  + " recalled.")
          + "}\n";

  private static String output;
  private static Path report;
  private static ChromeDriver browser;

  @BeforeAll
  static void runPipelineAndReport() throws IOException {
    Path extra = tempDir("analyst-input");
    Files.writeString(extra.resolve("hostile.jsonl"), HOSTILE_ARTICLE, StandardCharsets.UTF_8);
    output = tempDir("analyst-out").toString();
    Settings settings =
        Settings.defaults()
            .with(
                SettingKeys.INPUT.key(),
                PROJECT_ROOT.resolve("sample-data") + "," + extra.toString())
            .with(SettingKeys.OUTPUT.key(), output);
    RunJob.run(spark, settings);
    report = tempDir("analyst-report").resolve("report");
    ReportJob.run(
        spark,
        output,
        NamingConf.canonicalizer(settings),
        new ReportJob.Request(
            List.<String[]>of(new String[] {"Putin", "Kim Jong-un"}), 5, Grain.WEEK, report),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    OutputQuery.registerViews(spark, output);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  /** The browser, started on first use; skipped where chromium is not installed. */
  private static ChromeDriver browser() {
    if (browser != null) {
      return browser;
    }
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed && System.getenv("NEWSGRAPH_REQUIRE_BROWSER") != null) {
      throw new IllegalStateException(
          "NEWSGRAPH_REQUIRE_BROWSER is set but /usr/bin/chromium or /usr/bin/chromedriver is"
              + " missing: install Debian's chromium and chromium-driver (.ci/run does).");
    }
    Assumptions.assumeTrue(
        installed,
        "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1366,900",
        "--user-data-dir=" + dir("chromium-profile"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return browser;
  }

  private static Path dir(String name) {
    try {
      return tempDir(name);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(report.resolve("index.html"));
    for (String dir : List.of(ReportSite.PAIRS, ReportSite.ENTITIES)) {
      try (Stream<Path> files = Files.list(report.resolve(dir))) {
        files.sorted().forEach(pages::add);
      }
    }
    return pages;
  }

  private static String open(Path page) {
    ChromeDriver b = browser();
    b.get(page.toUri().toString());
    return b.getTitle();
  }

  /** The console messages of the open page at warning level or above. */
  private static List<String> consoleProblems() {
    List<String> problems = new ArrayList<>();
    for (LogEntry e : browser().manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
        problems.add(e.getMessage());
      }
    }
    return problems;
  }

  @Test
  void everyPageLoadsWithoutConsoleErrors() throws IOException {
    // The check below sees console errors: a page that logs one is caught.
    Path noisy = dir("noisy").resolve("noisy.html");
    Files.writeString(noisy, "<title>x</title><script>console.error('seen')</script>");
    open(noisy);
    assertThat(consoleProblems()).as("console errors of a page that logs one").isNotEmpty();
    List<Path> pages = pages();
    assertThat(pages)
        .as("report pages: an index, pair pages and entity pages")
        .hasSizeGreaterThan(3);
    for (Path page : pages) {
      String title = open(page);
      assertThat(title).as("title of " + page.getFileName()).isNotBlank();
      assertThat(consoleProblems())
          .as("console errors and warnings of " + page.getFileName())
          .isEmpty();
      assertThat(
              browser().findElements(By.cssSelector("figure.chart svg")).size()
                  + browser().findElements(By.tagName("table")).size())
          .as("charts and tables shown by " + page.getFileName())
          .isPositive();
    }
  }

  @Test
  void eachChartHasOnePointPerPeriodOfItsPair() throws IOException {
    List<Path> pairPages;
    try (Stream<Path> files = Files.list(report.resolve(ReportSite.PAIRS))) {
      pairPages = files.sorted().toList();
    }
    assertThat(pairPages).as("pair pages").hasSizeGreaterThan(1);
    for (Path page : pairPages) {
      open(page);
      List<WebElement> names = browser().findElements(By.cssSelector("h1 a"));
      String a = names.get(0).getText();
      String b = names.get(1).getText();
      assertThat(page.getFileName().toString())
          .as("page of " + a + " and " + b)
          .isEqualTo(Path.of(ReportSite.pairFile(a, b)).getFileName().toString());
      // Counted from the tables by SQL, independently of the report's code.
      String pair =
          String.format(
              "grain = 'week' AND ((entity_a = %s AND entity_b = %s) OR (entity_a = %s AND"
                  + " entity_b = %s))",
              quote(a), quote(b), quote(b), quote(a));
      Row span =
          spark
              .sql(
                  "SELECT min(period_start), max(period_start), count_if(npmi IS NOT NULL),"
                      + " count_if(sentiment_mean IS NOT NULL),"
                      + " count_if(negative_share IS NOT NULL) FROM comention_counts WHERE "
                      + pair)
              .first();
      long periods =
          spark
              .sql(
                  String.format(
                      "SELECT count(*) FROM aggregate_periods WHERE grain = 'week' AND"
                          + " period_start BETWEEN DATE'%s' AND DATE'%s'",
                      span.get(0), span.get(1)))
              .first()
              .getLong(0);
      Map<String, Long> expected =
          Map.of(
              "documents", periods,
              "npmi", span.getLong(2),
              "tone", span.getLong(3),
              "tone-mix", span.getLong(4));
      expected.forEach(
          (chart, points) -> {
            WebElement figure = browser().findElement(By.id(chart));
            assertThat(figure.findElements(By.cssSelector(".point")))
                .as(chart + " points on the page of " + a + " and " + b)
                .hasSize(points.intValue());
            assertThat(figure.getDomAttribute("data-points"))
                .as(chart + " data-points of " + a + " and " + b)
                .isEqualTo(Long.toString(points));
          });
    }
  }

  @Test
  void aClickOnATopPairOpensItsPage() throws IOException {
    open(report.resolve("index.html"));
    WebElement first = browser().findElement(By.cssSelector("#top-pairs a.pair"));
    String[] names = first.getText().split(" – ");
    first.click();
    assertThat(browser().getCurrentUrl())
        .as("page reached from the top pairs")
        .endsWith(ReportSite.pairFile(names[0], names[1]));
    assertThat(browser().findElement(By.tagName("h1")).getText())
        .as("heading of the pair page")
        .isEqualTo(names[0] + " and " + names[1]);
    save("pair-from-index.png");
  }

  @Test
  void aHostileTitleShowsAsTextAndRunsNothing() throws IOException {
    open(report.resolve(ReportSite.pairFile("Kim Jong Un", "Vladimir Putin")));
    List<String> titles =
        browser().findElements(By.cssSelector("ol.evidence .title")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(titles).as("evidence titles of Putin and Kim").contains(HOSTILE_TITLE);
    assertThat(((JavascriptExecutor) browser()).executeScript("return window.__pwned"))
        .as("nothing of the title ran")
        .isNull();
    assertThat(browser().findElements(By.tagName("img"))).as("images on the page").isEmpty();
    assertThat(browser().findElements(By.tagName("script"))).as("scripts on the page").isEmpty();
    assertThat(browser().findElements(By.cssSelector("a[href^='javascript']")))
        .as("links that are scripts")
        .isEmpty();
    save("pair.png");
  }

  @Test
  void writesAScreenshotOfEachPageType() throws IOException {
    open(report.resolve("index.html"));
    save("index.png");
    open(report.resolve(ReportSite.entityFile("Vladimir Putin")));
    assertThat(browser().findElement(By.tagName("h1")).getText())
        .as("entity page heading")
        .isEqualTo("Vladimir Putin");
    save("entity.png");
    assertThat(screenshots().resolve("index.png")).as("index screenshot").isNotEmptyFile();
    assertThat(screenshots().resolve("entity.png")).as("entity screenshot").isNotEmptyFile();
  }

  private static void save(String name) throws IOException {
    Files.copy(
        browser().getScreenshotAs(OutputType.FILE).toPath(),
        screenshots().resolve(name),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path screenshots() throws IOException {
    return Files.createDirectories(Path.of("target", "report-screenshots"));
  }

  @Test
  void pairAnswersInEitherOrderAndAnySpelling() {
    String forward = pair("Vladimir Putin", "Kim Jong Un");
    String backward = pair("kim jong-un", "Putin's");
    assertThat(forward)
        .as("series of Putin and Kim")
        .contains("Vladimir Putin and Kim Jong Un by month")
        .contains("peak: 2018-09")
        .contains("evidence of 2018-09:");
    assertThat(table(backward))
        .as("the same series, whichever order and spelling")
        .isEqualTo(table(forward));
    assertThat(backward)
        .as("how the spellings were resolved")
        .contains("'Putin's' is Vladimir Putin (PERSON;")
        .contains("'kim jong-un' is Kim Jong Un (PERSON;");
    long septemberDocuments =
        spark
            .sql(
                "SELECT documents FROM comention_pairs WHERE grain = 'month' AND period ="
                    + " '2018-09' AND entity_a = 'Vladimir Putin' AND entity_b = 'Kim Jong Un'")
            .first()
            .getLong(0);
    assertThat(forward)
        .as("the peak's documents, as comention_pairs has them")
        .contains("peak: 2018-09, " + septemberDocuments + " documents");
  }

  @Test
  void anUnknownNameGetsSuggestions() {
    assertThatThrownBy(() -> pair("Vladmir Putn", "Kim Jong Un"))
        .as("misspelt name")
        .isInstanceOf(NewsgraphException.class)
        .hasMessageContaining("No entity named 'Vladmir Putn'")
        .hasMessageContaining("Did you mean 'Vladimir Putin'");
  }

  @Test
  void entityShowsSpellingsAndPartners() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EntityReport.run(
        spark,
        output,
        NamingConf.canonicalizer(Settings.defaults()),
        new EntityReport.Request("putin", null, null, 10),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    long documents =
        spark
            .sql("SELECT count(DISTINCT article_id) FROM mentions WHERE entity = 'Vladimir Putin'")
            .first()
            .getLong(0);
    assertThat(text)
        .as("entity summary")
        .contains("Vladimir Putin (PERSON): ")
        .contains(" in " + documents + " documents")
        .contains("Kim Jong Un");
    assertThat(
            spark
                .sql("SELECT surface FROM entity_variants WHERE entity = 'Vladimir Putin'")
                .collectAsList()
                .stream()
                .map(r -> r.getString(0))
                .toList())
        .as("spellings of Vladimir Putin")
        .contains("Putin", "Vladimir Putin");
  }

  @Test
  void pairViewsAnswerInBothOrders() {
    long stored = spark.sql("SELECT count(*) FROM comention_counts").first().getLong(0);
    long both = spark.sql("SELECT count(*) FROM comention_pairs").first().getLong(0);
    assertThat(both).as("comention_pairs: each stored pair twice").isEqualTo(2 * stored);
    assertThat(
            spark
                .sql(
                    "SELECT count(*) FROM comention_pairs p JOIN comention_counts c ON"
                        + " p.grain = c.grain AND p.period_start = c.period_start AND"
                        + " p.entity_a = c.entity_b AND p.entity_b = c.entity_a AND"
                        + " p.documents_a = c.documents_b AND p.documents_b = c.documents_a AND"
                        + " p.documents = c.documents")
                .first()
                .getLong(0))
        .as("reversed rows with their per-entity counts swapped")
        .isEqualTo(stored);
    assertThat(spark.table("comention_pairs").columns())
        .as("comention_pairs has the columns of comention_counts")
        .containsExactly(spark.table("comention_counts").columns());
    assertThat(spark.table("evidence_pairs").columns())
        .as("evidence_pairs has the columns of comention_evidence")
        .containsExactly(spark.table("comention_evidence").columns());
  }

  @Test
  void theSparkSqlFileOfTheDocsRegistersEveryView() throws IOException {
    String script = Files.readString(PROJECT_ROOT.resolve("docs/sql/spark.sql"));
    spark.conf().set("spark.newsgraph.output", output);
    List<String> statements = OutputQuery.statements(script);
    for (String statement : statements) {
      spark.sql(statement);
    }
    assertThat(statements).as("statements of docs/sql/spark.sql").hasSize(16 + 3);
    for (String view :
        List.of("articles", "runs", "entities", "comention_pairs", "entity_variants")) {
      assertThat(spark.catalog().tableExists(view)).as("view " + view).isTrue();
    }
    assertThat(
            spark
                .sql(
                    "SELECT documents FROM comention_pairs WHERE grain = 'month' AND period ="
                        + " '2018-09' AND entity_a = 'Vladimir Putin' AND entity_b = 'Kim Jong Un'")
                .collectAsList())
        .as("Putin then Kim, though Kim sorts first")
        .hasSize(1);
  }

  @Test
  void theDuckDbViewsOfTheDocsAnswerAsSparksDo() throws Exception {
    // DuckDB reads the tables as Parquet exported by Spark (its delta extension cannot be
    // downloaded here); the views over them are docs/sql/duckdb.sql's own statements.
    Path exported = dir("duckdb-tables");
    String script = Files.readString(PROJECT_ROOT.resolve("docs/sql/duckdb.sql"));
    List<String> views =
        OutputQuery.statements(script.substring(script.indexOf("-- Views over the tables")));
    assertThat(views).as("view statements of docs/sql/duckdb.sql").hasSize(3);
    try (java.sql.Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement sql = duck.createStatement()) {
      for (String table : List.of("comention_counts", "comention_evidence", "entities")) {
        String dir = exported.resolve(table).toString();
        spark.table(table).write().parquet(dir);
        sql.execute(
            "CREATE TABLE " + table + " AS SELECT * FROM read_parquet('" + dir + "/*.parquet')");
      }
      for (String view : views) {
        sql.execute(view);
      }
      for (String query :
          List.of(
              "SELECT count(*) FROM comention_pairs",
              "SELECT count(*) FROM evidence_pairs",
              "SELECT count(*) FROM entity_variants",
              "SELECT sum(documents) FROM comention_pairs WHERE entity_a = 'Vladimir Putin' AND"
                  + " entity_b = 'Kim Jong Un' AND grain = 'month'",
              "SELECT sum(mentions) FROM entity_variants WHERE entity = 'Vladimir Putin'")) {
        java.sql.ResultSet rs = sql.executeQuery(query);
        rs.next();
        assertThat(rs.getLong(1))
            .as("DuckDB: " + query)
            .isEqualTo(spark.sql(query).first().<Number>getAs(0).longValue())
            .isPositive();
      }
    }
  }

  @Test
  void entitiesCountWhatMentionsHold() {
    List<Row> differ =
        spark
            .sql(
                "SELECT e.entity FROM entities e JOIN (SELECT entity, entity_type, count(*) AS"
                    + " mentions, count(DISTINCT article_id) AS documents, min(date) AS first_date,"
                    + " max(date) AS last_date FROM mentions GROUP BY entity, entity_type) m ON"
                    + " e.entity = m.entity AND e.entity_type = m.entity_type WHERE e.mentions <>"
                    + " m.mentions OR e.documents <> m.documents OR e.first_date <> m.first_date OR"
                    + " e.last_date <> m.last_date OR aggregate(e.variants, 0L, (s, v) -> s +"
                    + " v.mentions) <> m.mentions")
            .collectAsList();
    assertThat(differ).as("entities whose counts differ from mentions").isEmpty();
    assertThat(spark.sql("SELECT count(*) FROM entities").first().getLong(0))
        .as("one entities row per entity of mentions")
        .isEqualTo(
            spark
                .sql("SELECT count(*) FROM (SELECT DISTINCT entity, entity_type FROM mentions)")
                .first()
                .getLong(0));
  }

  private static String pair(String a, String b) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PairReport.run(
        spark,
        output,
        NamingConf.canonicalizer(Settings.defaults()),
        new PairReport.Request(a, b, Grain.MONTH, null, null, 5),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The lines of the printed series table. */
  private static List<String> table(String printed) {
    return printed.lines().filter(l -> l.matches("^\\d{4}-\\d{2} .*")).toList();
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
