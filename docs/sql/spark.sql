-- newsgraph views for Spark SQL with Delta Lake (spark-sql, spark.sql(...) in a notebook or a shell).
-- `bin/newsgraph query` registers exactly these views itself. Elsewhere, set the output directory
-- and run this file, e.g.
--   spark-sql --packages io.delta:delta-spark_2.13:4.0.0 \
--     --conf spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension \
--     --conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog \
--     --conf spark.newsgraph.output=/srv/newsgraph/out -f docs/sql/spark.sql -i
-- or, in a session that already has Delta: SET spark.newsgraph.output=/srv/newsgraph/out; and then
-- each statement below (Spark substitutes ${spark.newsgraph.output} from the session's conf).
-- Views are temporary: they last as long as the session. Each reads its table's latest version.

-- One view per table, under the table's name.
CREATE OR REPLACE TEMPORARY VIEW articles AS SELECT * FROM delta.`${spark.newsgraph.output}/articles`;
CREATE OR REPLACE TEMPORARY VIEW article_signatures AS SELECT * FROM delta.`${spark.newsgraph.output}/article_signatures`;
CREATE OR REPLACE TEMPORARY VIEW ingest_runs AS SELECT * FROM delta.`${spark.newsgraph.output}/ingest_runs`;
CREATE OR REPLACE TEMPORARY VIEW annotations AS SELECT * FROM delta.`${spark.newsgraph.output}/annotations`;
CREATE OR REPLACE TEMPORARY VIEW annotate_runs AS SELECT * FROM delta.`${spark.newsgraph.output}/annotate_runs`;
CREATE OR REPLACE TEMPORARY VIEW mentions AS SELECT * FROM delta.`${spark.newsgraph.output}/mentions`;
CREATE OR REPLACE TEMPORARY VIEW entities AS SELECT * FROM delta.`${spark.newsgraph.output}/entities`;
CREATE OR REPLACE TEMPORARY VIEW name_resolution AS SELECT * FROM delta.`${spark.newsgraph.output}/name_resolution`;
CREATE OR REPLACE TEMPORARY VIEW capped_articles AS SELECT * FROM delta.`${spark.newsgraph.output}/capped_articles`;
CREATE OR REPLACE TEMPORARY VIEW resolution_stats AS SELECT * FROM delta.`${spark.newsgraph.output}/resolution_stats`;
CREATE OR REPLACE TEMPORARY VIEW entity_counts AS SELECT * FROM delta.`${spark.newsgraph.output}/entity_counts`;
CREATE OR REPLACE TEMPORARY VIEW comention_counts AS SELECT * FROM delta.`${spark.newsgraph.output}/comention_counts`;
CREATE OR REPLACE TEMPORARY VIEW comention_evidence AS SELECT * FROM delta.`${spark.newsgraph.output}/comention_evidence`;
CREATE OR REPLACE TEMPORARY VIEW aggregate_periods AS SELECT * FROM delta.`${spark.newsgraph.output}/aggregate_periods`;
CREATE OR REPLACE TEMPORARY VIEW quarantine AS SELECT * FROM delta.`${spark.newsgraph.output}/quarantine`;
CREATE OR REPLACE TEMPORARY VIEW runs AS SELECT * FROM delta.`${spark.newsgraph.output}/runs`;

-- Views over the tables (from here on, `bin/newsgraph query` runs this file's statements too).

-- comention_counts in both orders: every pair twice, once as (a, b) and once as (b, a), so that
-- WHERE entity_a = 'Vladimir Putin' AND entity_b = 'Kim Jong Un' finds the pair whichever name
-- sorts first. The table itself stores each pair once, entity_a < entity_b.
CREATE OR REPLACE TEMPORARY VIEW comention_pairs AS
SELECT grain, period_start, period, entity_a, entity_b, entity_type_a, entity_type_b, documents, stories, sources, sentences, sentiment_sentences, sentiment_mean, negative_share, neutral_share, positive_share, period_documents, documents_a, documents_b, pmi, npmi, log_likelihood, lift, baseline_periods, baseline_mean, baseline_stddev, surprise
FROM comention_counts
UNION ALL
SELECT grain, period_start, period, entity_b AS entity_a, entity_a AS entity_b, entity_type_b AS entity_type_a, entity_type_a AS entity_type_b, documents, stories, sources, sentences, sentiment_sentences, sentiment_mean, negative_share, neutral_share, positive_share, period_documents, documents_b AS documents_a, documents_a AS documents_b, pmi, npmi, log_likelihood, lift, baseline_periods, baseline_mean, baseline_stddev, surprise
FROM comention_counts;

-- comention_evidence in both orders, like comention_pairs.
CREATE OR REPLACE TEMPORARY VIEW evidence_pairs AS
SELECT grain, period_start, period, entity_a, entity_b, entity_type_a, entity_type_b, rank, article_id, date, source, title, story_id, sentence_index, sentence, sentiment_label, sentiment_score
FROM comention_evidence
UNION ALL
SELECT grain, period_start, period, entity_b AS entity_a, entity_a AS entity_b, entity_type_b AS entity_type_a, entity_type_a AS entity_type_b, rank, article_id, date, source, title, story_id, sentence_index, sentence, sentiment_label, sentiment_score
FROM comention_evidence;

-- One row per spelling of an entity: look a name up by any variant the articles used.
CREATE OR REPLACE TEMPORARY VIEW entity_variants AS
SELECT entity, entity_type, v.surface AS surface, v.mentions AS mentions, v.documents AS documents
FROM entities LATERAL VIEW explode(variants) exploded AS v;
