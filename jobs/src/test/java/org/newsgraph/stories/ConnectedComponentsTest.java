package org.newsgraph.stories;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.newsgraph.testing.SparkTestSession;

/**
 * Tests {@link ConnectedComponents}, in Spark rounds and on the driver, against components found
 * here by a depth-first search: hand-made shapes (a chain given in the worst order, a star, two
 * components, duplicate, reversed and self links) and random graphs with components of many sizes.
 */
class ConnectedComponentsTest extends SparkTestSession {

  private static final StructType LINKS =
      createStructType(
          List.of(
              createStructField("a", StringType, false),
              createStructField("b", StringType, false)));

  /**
   * The components found in Spark rounds (no link on the driver), after checking that the driver
   * finds the same.
   */
  private static Map<String, String> components(List<String[]> links) {
    Map<String, String> inSpark = components(links, 0);
    assertThat(components(links, ConnectedComponents.DRIVER_LINKS))
        .as("components found on the driver")
        .isEqualTo(inSpark);
    return inSpark;
  }

  private static Map<String, String> components(List<String[]> links, int driverLinks) {
    List<Row> rows = new ArrayList<>();
    for (String[] l : links) {
      rows.add(RowFactory.create(l[0], l[1]));
    }
    Dataset<Row> roots =
        ConnectedComponents.smallestOf(spark.createDataFrame(rows, LINKS), "a", "b", driverLinks);
    Map<String, String> found = new TreeMap<>();
    try {
      for (Row r : roots.collectAsList()) {
        assertThat(found.put(r.getString(0), r.getString(1))).as("root of %s", r.get(0)).isNull();
      }
    } finally {
      roots.unpersist();
    }
    return found;
  }

  /** Every id but the smallest of its component, mapped to that smallest id (depth-first). */
  private static Map<String, String> expected(List<String[]> links) {
    Map<String, List<String>> neighbours = new HashMap<>();
    for (String[] l : links) {
      neighbours.computeIfAbsent(l[0], k -> new ArrayList<>()).add(l[1]);
      neighbours.computeIfAbsent(l[1], k -> new ArrayList<>()).add(l[0]);
    }
    Map<String, String> expected = new TreeMap<>();
    Map<String, Boolean> seen = new HashMap<>();
    for (String start : neighbours.keySet()) {
      if (seen.containsKey(start)) {
        continue;
      }
      List<String> component = new ArrayList<>();
      List<String> stack = new ArrayList<>(List.of(start));
      seen.put(start, true);
      while (!stack.isEmpty()) {
        String id = stack.remove(stack.size() - 1);
        component.add(id);
        for (String n : neighbours.get(id)) {
          if (seen.putIfAbsent(n, true) == null) {
            stack.add(n);
          }
        }
      }
      String root = component.stream().min(String::compareTo).orElseThrow();
      for (String id : component) {
        if (!id.equals(root)) {
          expected.put(id, root);
        }
      }
    }
    return expected;
  }

  private static String id(int n) {
    return String.format("a%05d", n);
  }

  @Test
  void aChainGivenFromItsLargestEndIsOneComponent() {
    List<String[]> chain = new ArrayList<>();
    // Each link joins two neighbours of a chain of 300 ids, listed from the largest down, so
    // that a label passed one step per round would need 300 rounds.
    for (int i = 299; i > 0; i--) {
      chain.add(new String[] {id(i), id(i - 1)});
    }
    Map<String, String> found = components(chain);
    assertThat(found).as("ids of the chain with their root").hasSize(299);
    assertThat(found.values()).as("roots").containsOnly(id(0));
  }

  @Test
  void handMadeShapesGiveTheSmallestIdOfEachComponent() {
    List<String[]> links =
        List.of(
            // A star around its largest id, with a duplicate and a reversed link.
            new String[] {"s9", "s1"},
            new String[] {"s9", "s2"},
            new String[] {"s9", "s3"},
            new String[] {"s3", "s9"},
            new String[] {"s9", "s2"},
            // Two triangles joined by one link, and a self link.
            new String[] {"t4", "t5"},
            new String[] {"t5", "t6"},
            new String[] {"t6", "t4"},
            new String[] {"u1", "u2"},
            new String[] {"u2", "u3"},
            new String[] {"u3", "u1"},
            new String[] {"t6", "u3"},
            new String[] {"x1", "x1"});
    Map<String, String> found = components(links);
    assertThat(found)
        .as("each id but the smallest of its component, with that id")
        .isEqualTo(
            Map.of(
                "s2", "s1", "s3", "s1", "s9", "s1", "t5", "t4", "t6", "t4", "u1", "t4", "u2", "t4",
                "u3", "t4"));
    assertThat(found).as("a self link alone makes no component").doesNotContainKey("x1");
  }

  @Test
  void randomGraphsMatchADepthFirstSearch() {
    Random random = new Random(20181212L);
    for (int graph = 0; graph < 3; graph++) {
      List<String[]> links = new ArrayList<>();
      int ids = 400;
      // Sparse random links give components from pairs to long irregular trees.
      int count = 150 + graph * 120;
      for (int i = 0; i < count; i++) {
        links.add(new String[] {id(random.nextInt(ids)), id(random.nextInt(ids))});
      }
      assertThat(components(links))
          .as("components of random graph %d (%d links over %d ids)", graph, count, ids)
          .isEqualTo(expected(links));
    }
  }
}
