-- newsgraph views for Trino with its Delta Lake connector, in the catalog `newsgraph` and schema
-- `news` where docs/tables.md registers each table directory (CALL newsgraph.system.register_table,
-- once per table). Views are stored in the metastore; run this file once, e.g.
--   trino --catalog newsgraph --schema news -f docs/sql/trino.sql
-- Trino is not available on the machines newsgraph is built on: these statements are written
-- against Trino's SQL reference (release 482) and are not tested here.

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
SELECT e.entity, e.entity_type, v.surface, v.mentions, v.documents
FROM entities e CROSS JOIN UNNEST(e.variants) AS v (surface, mentions, documents);
