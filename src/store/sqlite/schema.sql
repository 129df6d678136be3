-- The SQLite schema, as numbered migrations. Each "-- migration: N" block
-- runs once, in order, in its own transaction, and sets PRAGMA
-- user_version = N. Never edit a released block: append a new one.

-- migration: 1
-- One row per story uri: the current version plus what listings filter on.
-- published_at holds the embargo time while state = 'embargoed'.
CREATE TABLE stories (
  id           INTEGER PRIMARY KEY,
  uri          TEXT NOT NULL UNIQUE,
  path         TEXT NOT NULL UNIQUE,
  section      TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('live', 'embargoed', 'killed')),
  published_at INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  revisions    INTEGER NOT NULL,
  kill_reason  TEXT NOT NULL DEFAULT '',
  agency       TEXT NOT NULL COLLATE NOCASE,
  headline     TEXT NOT NULL,
  story        TEXT NOT NULL  -- model::StoryToJson of the current version
);
CREATE INDEX stories_by_state ON stories (state, published_at DESC, id DESC);
CREATE INDEX stories_by_section ON stories (section, state, published_at DESC, id DESC);
CREATE INDEX stories_by_agency ON stories (agency, state, published_at DESC, id DESC);

-- model::TagSlug of each keyword of the current version.
CREATE TABLE story_tags (
  tag_slug TEXT NOT NULL,
  story_id INTEGER NOT NULL REFERENCES stories (id),
  PRIMARY KEY (tag_slug, story_id)
) WITHOUT ROWID;
CREATE INDEX story_tags_by_story ON story_tags (story_id);

-- Every version that changed something, as delivered.
CREATE TABLE revisions (
  id         INTEGER PRIMARY KEY,
  uri        TEXT NOT NULL,
  version    TEXT NOT NULL,
  story      TEXT NOT NULL,
  applied_at INTEGER NOT NULL
);
CREATE INDEX revisions_by_uri ON revisions (uri, id);

-- The change log servers poll to invalidate caches. AUTOINCREMENT: a seq
-- is never reused, even after the newest rows are deleted.
CREATE TABLE changes (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  story_id INTEGER NOT NULL,
  action   TEXT NOT NULL,
  at       INTEGER NOT NULL
);

-- Full-text index of live stories only (rowid = stories.id); body is the
-- text of body_html with tags stripped.
CREATE VIRTUAL TABLE stories_fts USING fts5 (
  headline, description, body,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- migration: 2
-- The search index keeps no copy of the text (content = ''): search reads
-- only rowids and bm25, and the stories row holds the text already. Writing
-- the text twice was a third of the index's cost and half its size
-- (doc/benchmarks.md, "End-to-end ingest"). A contentless row is removed by
-- giving back exactly the values it was indexed with (writes.cc: Unindex),
-- so a change to what IndexText indexes needs a migration that rebuilds
-- this table. detail stays full: with detail=column, bm25 re-reads the text
-- to count hits, which a contentless table cannot give (every score 0).
--
-- revisions.story = '' from now on means "this version is the story's
-- current one: read stories.story"; the row gets its own copy when a newer
-- version replaces it (writes.cc: KeepSupersededVersion). A new story's JSON
-- is then stored once, not twice.
CREATE VIRTUAL TABLE stories_fts_v2 USING fts5 (
  headline, description, body,
  content = '',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO stories_fts_v2 (rowid, headline, description, body)
  SELECT rowid, headline, description, body FROM stories_fts;
DROP TABLE stories_fts;
ALTER TABLE stories_fts_v2 RENAME TO stories_fts;
-- automerge stays at FTS5's 4: 8 cut FTS5-only insert CPU at 100k by 40%
-- with a 2 MiB page cache, but with the writer's 64 MiB cache
-- (connection.cc) it saved only ~5% of ingest CPU at 100k, and made
-- selective searches at 100k ~30% slower (more segments to look up;
-- doc/benchmarks.md).

-- migration: 3
-- An operator's hold (Store::Hold): state 'held', listed nowhere, undone
-- by ReleaseHold. SQLite cannot change a CHECK in place, so stories is
-- rebuilt (same columns, ids kept, so the search index's rowids still
-- match). story_tags refers to stories, so it is rebuilt first against the
-- new table: with foreign keys on, dropping a referenced table fails.
CREATE TABLE stories_v3 (
  id           INTEGER PRIMARY KEY,
  uri          TEXT NOT NULL UNIQUE,
  path         TEXT NOT NULL UNIQUE,
  section      TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('live', 'embargoed', 'killed', 'held')),
  published_at INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  revisions    INTEGER NOT NULL,
  kill_reason  TEXT NOT NULL DEFAULT '',
  agency       TEXT NOT NULL COLLATE NOCASE,
  headline     TEXT NOT NULL,
  story        TEXT NOT NULL
);
INSERT INTO stories_v3 (id, uri, path, section, state, published_at, updated_at, revisions,
                        kill_reason, agency, headline, story)
  SELECT id, uri, path, section, state, published_at, updated_at, revisions, kill_reason,
         agency, headline, story FROM stories;
CREATE TABLE story_tags_v3 (
  tag_slug TEXT NOT NULL,
  story_id INTEGER NOT NULL REFERENCES stories_v3 (id),
  PRIMARY KEY (tag_slug, story_id)
) WITHOUT ROWID;
INSERT INTO story_tags_v3 (tag_slug, story_id) SELECT tag_slug, story_id FROM story_tags;
DROP TABLE story_tags;
DROP TABLE stories;
ALTER TABLE stories_v3 RENAME TO stories;
ALTER TABLE story_tags_v3 RENAME TO story_tags;
CREATE INDEX stories_by_state ON stories (state, published_at DESC, id DESC);
CREATE INDEX stories_by_section ON stories (section, state, published_at DESC, id DESC);
CREATE INDEX stories_by_agency ON stories (agency, state, published_at DESC, id DESC);
CREATE INDEX story_tags_by_story ON story_tags (story_id);

-- migration: 4
-- FTS5 merges a level's segments once 8 of them exist (automerge; was
-- FTS5's 4). Every merge rewrites the index pages it merges, and with 4
-- a story's postings were rewritten at 1.5 times as many levels: at 100k
-- stories the committing thread's CPU fell ~14% (22.5 s -> 19.4 s, two
-- alternating runs each) and the WAL it writes with it. Searches read up to
-- 7 segments per level instead of 3; at 100k p99 stays far below 20 ms
-- (doc/benchmarks.md, "End-to-end ingest"). 16 was no cheaper in the same
-- runs and would be FTS5's crisismerge, merging a whole level in one commit.
INSERT INTO stories_fts (stories_fts, rank) VALUES ('automerge', 8);
