-- newsgraph views for DuckDB with its delta extension (DuckDB 1.1 or later). Run DuckDB in the
-- directory that holds the output directory `out/` (or replace 'out/' below with its path; an
-- s3:// path needs DuckDB's httpfs extension and a secret), e.g.
--   duckdb newsgraph.duckdb < docs/sql/duckdb.sql
-- The views are stored in the database file and read each table's latest version when queried.
-- The views over the tables (from "Views over the tables" on) are tested with DuckDB's JDBC driver;
-- this machine cannot download DuckDB's delta extension, so the delta_scan lines are not.
INSTALL delta;
LOAD delta;

-- One view per table, under the table's name.
CREATE OR REPLACE VIEW articles AS SELECT * FROM delta_scan('out/articles');
CREATE OR REPLACE VIEW article_signatures AS SELECT * FROM delta_scan('out/article_signatures');
CREATE OR REPLACE VIEW ingest_runs AS SELECT * FROM delta_scan('out/ingest_runs');
CREATE OR REPLACE VIEW annotations AS SELECT * FROM delta_scan('out/annotations');
CREATE OR REPLACE VIEW annotate_runs AS SELECT * FROM delta_scan('out/annotate_runs');
CREATE OR REPLACE VIEW mentions AS SELECT * FROM delta_scan('out/mentions');
CREATE OR REPLACE VIEW entities AS SELECT * FROM delta_scan('out/entities');
CREATE OR REPLACE VIEW name_resolution AS SELECT * FROM delta_scan('out/name_resolution');
CREATE OR REPLACE VIEW capped_articles AS SELECT * FROM delta_scan('out/capped_articles');
CREATE OR REPLACE VIEW resolution_stats AS SELECT * FROM delta_scan('out/resolution_stats');
CREATE OR REPLACE VIEW entity_counts AS SELECT * FROM delta_scan('out/entity_counts');
CREATE OR REPLACE VIEW comention_counts AS SELECT * FROM delta_scan('out/comention_counts');
CREATE OR REPLACE VIEW comention_evidence AS SELECT * FROM delta_scan('out/comention_evidence');
CREATE OR REPLACE VIEW aggregate_periods AS SELECT * FROM delta_scan('out/aggregate_periods');
CREATE OR REPLACE VIEW quarantine AS SELECT * FROM delta_scan('out/quarantine');
CREATE OR REPLACE VIEW runs AS SELECT * FROM delta_scan('out/runs');

-- Views over the tables.

-- comention_counts in both orders: every pair twice, once as (a, b) and once as (b, a), so that
-- WHERE entity_a = 'Vladimir Putin' AND entity_b = 'Kim Jong Un' finds the pair whichever name
-- sorts first. The table itself stores each pair once, entity_a < entity_b.
CREATE OR REPLACE VIEW comention_pairs AS
SELECT grain, period_start, period, entity_a, entity_b, entity_type_a, entity_type_b, documents, stories, sources, sentences, sentiment_sentences, sentiment_mean, negative_share, neutral_share, positive_share, period_documents, documents_a, documents_b, pmi, npmi, log_likelihood, lift, baseline_periods, baseline_mean, baseline_stddev, surprise
FROM comention_counts
UNION ALL
SELECT grain, period_start, period, entity_b AS entity_a, entity_a AS entity_b, entity_type_b AS entity_type_a, entity_type_a AS entity_type_b, documents, stories, sources, sentences, sentiment_sentences, sentiment_mean, negative_share, neutral_share, positive_share, period_documents, documents_b AS documents_a, documents_a AS documents_b, pmi, npmi, log_likelihood, lift, baseline_periods, baseline_mean, baseline_stddev, surprise
FROM comention_counts;

-- comention_evidence in both orders, like comention_pairs.
CREATE OR REPLACE VIEW evidence_pairs AS
SELECT grain, period_start, period, entity_a, entity_b, entity_type_a, entity_type_b, rank, article_id, date, source, title, story_id, sentence_index, sentence, sentiment_label, sentiment_score
FROM comention_evidence
UNION ALL
SELECT grain, period_start, period, entity_b AS entity_a, entity_a AS entity_b, entity_type_b AS entity_type_a, entity_type_a AS entity_type_b, rank, article_id, date, source, title, story_id, sentence_index, sentence, sentiment_label, sentiment_score
FROM comention_evidence;

-- One row per spelling of an entity: look a name up by any variant the articles used.
CREATE OR REPLACE VIEW entity_variants AS
SELECT e.entity, e.entity_type, v.surface AS surface, v.mentions AS mentions, v.documents AS documents
FROM entities e, unnest(e.variants) AS t(v);
