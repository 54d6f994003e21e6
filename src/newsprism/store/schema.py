"""The store's schema: numbered migrations, each moving it one version up (`PRAGMA
user_version` says which have run). Never edit one that has shipped; add the next.
"""

# Each migration moves the schema one version up; never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    # 1: articles, their near-duplicate signatures and LSH bands, the input cache, stories.
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        text_hash TEXT NOT NULL,
        text TEXT NOT NULL,
        source TEXT NOT NULL,
        url TEXT,
        title TEXT,
        published TEXT,
        published_granularity TEXT,
        published_kind TEXT,
        published_evidence TEXT NOT NULL DEFAULT '[]',
        language TEXT,
        analysed INTEGER NOT NULL,
        skip_reason TEXT,
        author TEXT,
        input TEXT NOT NULL,
        duplicate_of TEXT REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
        similarity REAL,
        signature BLOB NOT NULL,
        seq INTEGER NOT NULL
    );
    CREATE INDEX articles_text_hash ON articles(text_hash);
    CREATE TABLE lsh_bands (
        band INTEGER NOT NULL,
        key TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (band, key, article_id)
    ) WITHOUT ROWID;
    CREATE TABLE inputs (
        key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        article_ids TEXT NOT NULL
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT,
        article_ids TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}'
    );
    """,
    # 2: the next batch's sequence number and the stored order come from an index, not a scan.
    """
    CREATE INDEX articles_seq ON articles(seq);
    """,
    # 3: annotations (sentences, mentions, times) per article, keyed by what produced them.
    """
    CREATE TABLE annotations (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        data TEXT NOT NULL
    );
    """,
    # 4: story clustering — article vectors and entity keys, story membership, the running
    # state of each story (vector sum, key counts, date range) and merges; key frequencies.
    """
    CREATE TABLE article_vectors (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        vector BLOB NOT NULL,
        keys TEXT NOT NULL,
        day INTEGER
    );
    CREATE TABLE story_members (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL
    );
    CREATE INDEX story_members_story ON story_members(story_id);
    CREATE TABLE key_df (key TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
    ALTER TABLE stories ADD COLUMN founder TEXT;
    ALTER TABLE stories ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN first_day INTEGER;
    ALTER TABLE stories ADD COLUMN last_day INTEGER;
    ALTER TABLE stories ADD COLUMN vector_sum BLOB;
    ALTER TABLE stories ADD COLUMN keys TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE stories ADD COLUMN merged_into TEXT;
    ALTER TABLE stories ADD COLUMN merged_from TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE stories ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
    DELETE FROM stories;
    CREATE INDEX stories_days ON stories(last_day, first_day);
    """,
    # 5: extractions (quotes and events as character ranges) per article, keyed by what
    # produced them, so a re-run never parses again.
    """
    CREATE TABLE extractions (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        data TEXT NOT NULL
    );
    """,
    # 6: sentence vectors of claims, keyed by a hash of the text and the model, so a re-run
    # over stored articles does not embed again.
    """
    CREATE TABLE text_vectors (
        key TEXT PRIMARY KEY,
        vector BLOB NOT NULL
    ) WITHOUT ROWID;
    """,
    # 7: what `analyze` made of each story: its report (JSON, the contract's story object) and
    # its question-answering index, each keyed by what produced it, so `ask` and `brief` read
    # a stored story without running the pipeline again.
    """
    CREATE TABLE story_reports (
        story_id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE story_indexes (
        story_id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        data BLOB NOT NULL
    );
    """,
    # 8: the input cache keeps what of each input was skipped and why ([{"input", "reason"}]),
    # so a re-run that reads nothing again still reports it.
    """
    ALTER TABLE inputs ADD COLUMN skipped TEXT NOT NULL DEFAULT '[]';
    """,
    # 9: replies of the optional LLM writer by a hash of the model and the whole prompt, so a
    # re-run with the same inputs makes no call.
    """
    CREATE TABLE llm_responses (
        key TEXT PRIMARY KEY,
        model TEXT NOT NULL,
        data TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 10: `newsprism watch` — each watched source's fetch state (validators, failures and
    # back-off), the feed entries and folder files already taken in, the rounds, and each
    # story's versions (its report after a round that changed it, and what changed).
    """
    CREATE TABLE watch_sources (
        name TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        origin TEXT,
        etag TEXT,
        last_modified TEXT,
        body_hash TEXT,
        children TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'new',
        error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        last_attempt REAL,
        last_success REAL,
        retry_at REAL,
        entries INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE watch_entries (
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        digest TEXT NOT NULL,
        stamp TEXT,
        round INTEGER NOT NULL,
        PRIMARY KEY (source, key)
    ) WITHOUT ROWID;
    CREATE TABLE watch_rounds (
        id INTEGER PRIMARY KEY,
        started REAL NOT NULL,
        finished REAL,
        summary TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE story_versions (
        story_id TEXT NOT NULL,
        round INTEGER NOT NULL,
        title TEXT,
        report BLOB NOT NULL,
        changes TEXT NOT NULL,
        PRIMARY KEY (story_id, round)
    ) WITHOUT ROWID;
    CREATE INDEX story_versions_round ON story_versions(round);
    """,
)
