#!/usr/bin/env bash
# Store::Agencies on PostgreSQL: the skip scan postgres_store ships (one
# probe of the partial index stories_live_agency per agency) against the
# plain SELECT DISTINCT, on 100,000 synthetic rows (5 agencies, one empty,
# 2% killed, 2 KB of padding per row), with EXPLAIN ANALYZE. The table has
# only the columns and index the query touches (schema.sql's definitions).
#
#   tools/with_postgres.sh bash bench/agencies_pg_plan.sh
set -euo pipefail
: "${WIREPRESS_PG_URL:?run through tools/with_postgres.sh}"
psql -q -v ON_ERROR_STOP=1 "$WIREPRESS_PG_URL" <<'SQL'
CREATE TEMP TABLE stories (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  state text NOT NULL, published_at timestamptz NOT NULL, agency text NOT NULL, pad text);
CREATE INDEX stories_live_agency ON stories (agency, published_at DESC, id DESC)
  WHERE state = 'live';
INSERT INTO stories (state, published_at, agency, pad)
  SELECT CASE WHEN i % 50 = 0 THEN 'killed' ELSE 'live' END, now() - i * interval '1 minute',
         (ARRAY['afp', 'reuters', 'dpa', 'ap', ''])[1 + i % 5], repeat('x', 2000)
  FROM generate_series(1, 100000) i;
ANALYZE stories;
\echo == skip scan (what ships)
EXPLAIN (ANALYZE, COSTS OFF)
WITH RECURSIVE a(name) AS (
  (SELECT agency FROM stories WHERE state = 'live' AND agency > '' ORDER BY agency LIMIT 1)
  UNION ALL
  SELECT (SELECT agency FROM stories WHERE state = 'live' AND agency > a.name
          ORDER BY agency LIMIT 1) FROM a WHERE a.name IS NOT NULL)
SELECT name FROM a WHERE name IS NOT NULL;
\echo == SELECT DISTINCT
EXPLAIN (ANALYZE, COSTS OFF)
SELECT DISTINCT agency FROM stories WHERE state = 'live' AND agency <> '' ORDER BY agency;
SQL
