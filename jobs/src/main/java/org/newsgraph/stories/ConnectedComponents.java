package org.newsgraph.stories;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.newsgraph.tables.Cached;
import org.newsgraph.udfs.RowBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connected components of an undirected graph of string ids, found on the driver when the links
 * are few and in Spark otherwise, so the links of a large corpus never come to the driver.
 *
 * <p>Contract: given links {@code (a, b)} (two string columns; self links, duplicates and either
 * direction allowed), {@link #smallestOf} returns one row {@code (id, root)} for every id of a link
 * that is not the smallest id of its component, with {@code root} that smallest id (string order).
 * An id absent from the result is the root of its component or in no link. Both methods give the
 * same rows (ConnectedComponentsTest runs both on the same graphs).
 *
 * <p>Up to {@value #DRIVER_LINKS} links (a few megabytes) are collected and merged with a
 * union-find: one Spark job, where each distributed round costs several. More links are never
 * collected: the alternating large-star and small-star rounds of Kiveris et al., "Connected
 * Components in MapReduce and Beyond" (SoCC 2014), run on edges kept as (lower id, higher id). Each
 * operation maps ids to the smallest id of a neighbourhood, so no edge ever joins two components;
 * the rounds end when every component is a star around its smallest id (checked before the first
 * round too: the links of exact copies are stars already). The number of rounds grows with the
 * logarithm of the component size (the paper proves O(log² n)), not with its diameter, so a chain
 * of thousands of edits takes a few rounds. Each round's edges are persisted (memory and disk),
 * with a plan that starts from their RDD, and the earlier ones released once the next are computed;
 * a lost executor's blocks are recomputed from the RDD lineage, which goes back to the links.
 */
final class ConnectedComponents {

  static final String ID = "id";
  static final String ROOT = "root";

  /** Links up to this number are merged on the driver. */
  static final int DRIVER_LINKS = 100_000;

  private static final String LO = "lo";
  private static final String HI = "hi";
  private static final String MIN_BELOW = "min_below";

  private static final StructType ROOTS =
      createStructType(
          List.of(
              createStructField(ID, StringType, false),
              createStructField(ROOT, StringType, false)));

  private static final RowBuilder ROOT_ROWS = new RowBuilder(ROOTS);

  private static final Logger LOG = LoggerFactory.getLogger(ConnectedComponents.class);

  private ConnectedComponents() {}

  /**
   * (id, root) for every id of a link but the smallest of each component; see the class comment.
   * The result is computed (persisted when found in Spark); the caller unpersists it.
   *
   * @param links the links; only columns {@code a} and {@code b} are read
   */
  static Dataset<Row> smallestOf(Dataset<Row> links, String a, String b) {
    return smallestOf(links, a, b, DRIVER_LINKS);
  }

  /** {@link #smallestOf(Dataset, String, String)} with another limit of links for the driver. */
  static Dataset<Row> smallestOf(Dataset<Row> links, String a, String b, int driverLinks) {
    Dataset<Row> pairs =
        persist(links.where(col(a).notEqual(col(b))).select(col(a).as(LO), col(b).as(HI)));
    try {
      List<Row> few = pairs.limit(driverLinks + 1).collectAsList();
      if (few.size() <= driverLinks) {
        return onTheDriver(pairs.sparkSession(), few);
      }
      LOG.info("connected components: more than {} links, found in Spark rounds", driverLinks);
      return inSpark(
          persist(
              pairs
                  .select(least(col(LO), col(HI)).as(LO), greatest(col(LO), col(HI)).as(HI))
                  .distinct()));
    } finally {
      pairs.unpersist();
    }
  }

  /** The components of a few links (duplicates and either direction allowed) by union-find. */
  private static Dataset<Row> onTheDriver(SparkSession spark, List<Row> links) {
    UnionFind components = new UnionFind();
    for (Row link : links) {
      components.union(link.getString(0), link.getString(1));
    }
    List<Row> rows = new ArrayList<>();
    components
        .roots()
        .forEach((id, root) -> rows.add(ROOT_ROWS.row().set(ID, id).set(ROOT, root).build()));
    return spark.createDataFrame(rows, ROOTS);
  }

  /** The components of distinct (lo, hi) edges, persisted; they are unpersisted here. */
  private static Dataset<Row> inSpark(Dataset<Row> distinctEdges) {
    Dataset<Row> edges = distinctEdges;
    int rounds = 0;
    // Links often are stars already (the exact copies of a text, each linked to the first).
    boolean stars = isStarForest(edges);
    while (!stars) {
      rounds++;
      // Each round reads its input four times: with the plans of the rounds nested, they would
      // grow fourfold per round (the driver ran out of memory on a chain of 300 ids).
      Dataset<Row> next = persist(Cached.detached(smallStar(largeStar(edges))));
      // The check computes all of the next edges; only then are these let go.
      stars = isStarForest(next);
      edges.unpersist();
      edges = next;
    }
    LOG.info("connected components: found in {} rounds", rounds);
    // A star around the smallest id: every edge is (root, member).
    Dataset<Row> roots = Cached.of(edges.select(col(HI).as(ID), col(LO).as(ROOT)));
    edges.unpersist();
    return roots;
  }

  /**
   * Whether every component is a star around its smallest id: no id has two smaller neighbours, and
   * no id with a smaller neighbour has a larger one. One Spark job.
   */
  private static boolean isStarForest(Dataset<Row> edges) {
    return edges
        .select(col(HI).as(ID), lit(1).as("as_hi"), lit(0).as("as_lo"))
        .unionByName(edges.select(col(LO).as(ID), lit(0).as("as_hi"), lit(1).as("as_lo")))
        .groupBy(ID)
        .agg(sum(col("as_hi")).as("as_hi"), sum(col("as_lo")).as("as_lo"))
        .where(col("as_hi").gt(1).or(col("as_hi").gt(0).and(col("as_lo").gt(0))))
        .isEmpty();
  }

  /**
   * (hi, the smallest lo linked to it): each id with a smaller neighbour, and the smallest of them.
   */
  private static Dataset<Row> smallestBelow(Dataset<Row> edges) {
    return edges.groupBy(col(HI)).agg(min(col(LO)).as(MIN_BELOW));
  }

  /**
   * Large star: every id links its larger neighbours to the smallest id of its neighbourhood
   * (itself included).
   */
  private static Dataset<Row> largeStar(Dataset<Row> edges) {
    Dataset<Row> below = smallestBelow(edges).withColumnRenamed(HI, "u");
    return edges
        .join(below, col(LO).equalTo(col("u")), "left")
        .select(coalesce(col(MIN_BELOW), col(LO)).as(LO), col(HI))
        .distinct();
  }

  /** Small star: every id with smaller neighbours links them and itself to the smallest of them. */
  private static Dataset<Row> smallStar(Dataset<Row> edges) {
    Dataset<Row> below = smallestBelow(edges);
    Dataset<Row> neighbours =
        edges
            .join(below, HI)
            .where(col(LO).notEqual(col(MIN_BELOW)))
            .select(col(MIN_BELOW).as(LO), col(LO).as(HI));
    return neighbours.unionByName(below.select(col(MIN_BELOW).as(LO), col(HI))).distinct();
  }

  private static Dataset<Row> persist(Dataset<Row> edges) {
    return edges.persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * Union-find over ids in which the smaller root always becomes the parent, so every root is the
   * smallest id of its component.
   */
  private static final class UnionFind {
    private final Map<String, String> parent = new HashMap<>();

    void union(String a, String b) {
      String rootA = find(a);
      String rootB = find(b);
      int order = rootA.compareTo(rootB);
      if (order < 0) {
        parent.put(rootB, rootA);
      } else if (order > 0) {
        parent.put(rootA, rootB);
      }
    }

    String find(String id) {
      String root = id;
      while (parent.containsKey(root)) {
        root = parent.get(root);
      }
      // Path compression: point every id on the way straight at the root.
      String next = id;
      while (!next.equals(root)) {
        next = parent.put(next, root);
      }
      return root;
    }

    /** Every id that is not the smallest of its component, mapped to that smallest id. */
    Map<String, String> roots() {
      Map<String, String> roots = new HashMap<>();
      for (String id : new ArrayList<>(parent.keySet())) {
        roots.put(id, find(id));
      }
      return roots;
    }
  }
}
