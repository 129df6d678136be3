-- The PostgreSQL schema, as numbered migrations. Each "-- migration: N"
-- block runs once, in order, in one transaction that also records N in
-- schema_version. Several workers and servers may open the store at once:
-- the migrator holds an advisory lock, so each block runs exactly once.
-- Never edit a released block: append a new one.

-- migration: 1
-- One row per story uri: the current version plus what listings filter on.
-- published_at holds the embargo time while state = 'embargoed'.
CREATE TABLE stories (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uri          text NOT NULL CONSTRAINT stories_uri_key UNIQUE,
  path         text NOT NULL CONSTRAINT stories_path_key UNIQUE,
  section      text NOT NULL,
  state        text NOT NULL CHECK (state IN ('live', 'embargoed', 'killed')),
  published_at timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  revisions    integer NOT NULL,
  kill_reason  text NOT NULL DEFAULT '',
  agency       text NOT NULL,              -- credit agency, ASCII lower case
  tags         text[] NOT NULL DEFAULT '{}', -- model::TagSlug of each keyword
  search       tsvector NOT NULL,          -- built by pg_search.cc: headline A, description B, body D
  story        text NOT NULL               -- model::StoryToJson of the current version
) WITH (toast_tuple_target = 8160);
-- Search reads the tsvector of every story it considers (~6 KB for a
-- 3 KB story; it hardly compresses). Kept in the row (MAIN) it is read
-- with the row; out of line (the default) each read is a TOAST lookup,
-- which made search 2-3x slower. The story JSON moves out of line instead.
ALTER TABLE stories ALTER COLUMN search SET STORAGE MAIN;
-- Listings read live stories only, newest first: partial indexes keep
-- killed and embargoed rows out of them.
CREATE INDEX stories_live ON stories (published_at DESC, id DESC) WHERE state = 'live';
CREATE INDEX stories_live_section ON stories (section, published_at DESC, id DESC)
  WHERE state = 'live';
CREATE INDEX stories_live_agency ON stories (agency, published_at DESC, id DESC)
  WHERE state = 'live';
CREATE INDEX stories_live_tags ON stories USING gin (tags) WHERE state = 'live';
CREATE INDEX stories_live_search ON stories USING gin (search) WHERE state = 'live';
CREATE INDEX stories_embargoed ON stories (published_at) WHERE state = 'embargoed';

-- Every version that changed something, as delivered, oldest first by id.
CREATE TABLE story_versions (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  story_id   bigint NOT NULL REFERENCES stories (id),
  version    text NOT NULL,
  applied_at timestamptz NOT NULL,
  story      text NOT NULL
);
CREATE INDEX story_versions_by_story ON story_versions (story_id, id);

-- The change log servers read (ChangesSince) to invalidate their caches.
-- seq comes from changes_seq and is only ever taken inside
-- wirepress_log_changes, under a transaction-scoped advisory lock, so seq
-- order is commit order: a reader that has seen seq N will never later
-- find a committed seq below N.
CREATE TABLE changes (
  seq      bigint PRIMARY KEY,
  story_id bigint NOT NULL,
  action   text NOT NULL,
  at       timestamptz NOT NULL
);
CREATE SEQUENCE changes_seq AS bigint OWNED BY changes.seq;

-- Appends one change per element of the arrays (story id, action name,
-- epoch seconds), in array order, and notifies channel "wirepress_changes"
-- with the last seq (delivered at commit). Call it as the last write of a
-- transaction: the lock it takes is held until commit.
CREATE FUNCTION wirepress_log_changes(p_story_ids bigint[], p_actions text[], p_ats bigint[])
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(current_schema() || ':wirepress.changes', 0));
  FOR i IN 1 .. coalesce(array_length(p_story_ids, 1), 0) LOOP
    last_seq := nextval('changes_seq');
    INSERT INTO changes (seq, story_id, action, at)
      VALUES (last_seq, p_story_ids[i], p_actions[i], to_timestamp(p_ats[i]));
  END LOOP;
  IF last_seq > 0 THEN
    PERFORM pg_notify('wirepress_changes', last_seq::text);
  END IF;
  RETURN last_seq;
END
$$;

-- migration: 2
-- lz4 instead of pglz for the large values (story JSON, the tsvector kept
-- in the row): pglz was ~8% of the server's CPU on ingest, most of it
-- trying to compress tsvectors that hardly compress. Only new values are
-- written with lz4; old ones stay readable. A server built without lz4
-- keeps pglz.
DO $$
BEGIN
  ALTER TABLE stories ALTER COLUMN story SET COMPRESSION lz4;
  ALTER TABLE stories ALTER COLUMN search SET COMPRESSION lz4;
  ALTER TABLE story_versions ALTER COLUMN story SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available on this server: keeping pglz';
END
$$;

-- migration: 3
-- An operator's hold (Store::Hold): state 'held', listed nowhere, undone
-- by ReleaseHold. The column's CHECK gets the new value.
ALTER TABLE stories DROP CONSTRAINT stories_state_check;
ALTER TABLE stories ADD CONSTRAINT stories_state_check
  CHECK (state IN ('live', 'embargoed', 'killed', 'held'));

-- migration: 4
-- Search text now folds as SQLite's FTS5 unicode61 tokenizer does
-- (store/search_text.h): case in every script, the accents of Latin
-- letters, and non-ASCII punctuation splits words. ASCII-only stories fold
-- as before; the tsvectors of the others are queued here and rebuilt from
-- their JSON by the migrator in C++, in this same transaction
-- (pg_schema.cc: RebuildQueuedSearchText), which drops the queue after.
CREATE TABLE search_rebuild (id bigint PRIMARY KEY);
INSERT INTO search_rebuild SELECT id FROM stories WHERE story ~ '[^\x01-\x7F]';
--
-- Search buckets: every story's tsvector also holds the lexeme '_b<id/256>'
-- (no search word can start with '_', store/search_text.h), so the search
-- window can ask the GIN index for "these words among these ids" in one
-- index scan (pg_search.h: SearchPlan), reading only the matching rows
-- instead of every row of an id range. The trigger adds it to whatever
-- tsvector a write sets; ts_rank never sees it (queries do not name it).
CREATE FUNCTION wirepress_search_bucket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := NEW.search || ('_b' || (NEW.id >> 8))::tsvector;
  RETURN NEW;
END
$$;
CREATE TRIGGER stories_search_bucket BEFORE INSERT OR UPDATE OF search ON stories
  FOR EACH ROW EXECUTE FUNCTION wirepress_search_bucket();
UPDATE stories SET search = search;

-- migration: 5
-- Search plans its window from the words' shares in pg_stats (pg_search.h:
-- EstimateMatchShare); a word ANALYZE does not list counts as half as
-- common as the rarest listed one. At the default statistics target (100)
-- pg_stats lists the ~1,000 commonest lexemes, at 100k stories down to
-- ~10% of stories, so a 10% word was guessed at 5% and a two-word search's
-- first bucket slice reached twice the ids it needed: 81 bucket terms,
-- 10.9 ms in the GIN index, instead of 42 and 5.3 ms. At 500 it lists
-- ~5,000 lexemes; ANALYZE then samples up to 150,000 rows (~3-4 s at 100k
-- instead of ~1 s) and planning a search takes ~0.2 ms more.
ALTER TABLE stories ALTER COLUMN search SET STATISTICS 500;
