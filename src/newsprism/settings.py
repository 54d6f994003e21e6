"""One `Settings` record for the whole run.

Defaults live here with their help text; `newsprism.toml` (in the working directory, or the file
named by `--config`) overrides them, and command-line flags override that. Settings are passed
explicitly to the stages; nothing is configured at import time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsprism.errors import ConfigError


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Every tunable of a run, with its default and help text: loaded from `newsprism.toml`,
    overridden by command-line flags, and passed explicitly to the stages that read it."""

    db: str = _setting("newsprism.db", "SQLite file that holds every stored record.")
    max_bytes: int = _setting(
        20_000_000, "Inputs larger than this many bytes are refused without being read."
    )
    fetch_timeout: float = _setting(15.0, "Seconds to wait for a URL before giving up.")
    max_redirects: int = _setting(5, "Redirects followed when fetching a URL.")
    allow_private: bool = _setting(
        False, "Allow URLs on loopback, private and link-local addresses (off: SSRF guard)."
    )
    offline: bool = _setting(False, "Never fetch URLs, feed entry links or OPML feeds.")
    follow_feed_links: bool = _setting(
        True, "Fetch the linked page of a feed entry whose own text is only a summary."
    )
    feed_summary_chars: int = _setting(
        600, "A feed entry with less text than this is treated as a summary, not an article."
    )
    max_fetches: int = _setting(
        500,
        "Most URLs fetched in one run (feeds, OPML lists, linked pages); later ones are skipped.",
    )
    max_feed_depth: int = _setting(
        2,
        "Most links followed from an input: an OPML list's feeds are 1 away, their linked pages "
        "2; an OPML list inside a list goes one deeper. Stops lists that list themselves.",
    )
    fetch_host_interval: float = _setting(
        1.0,
        "Seconds between two requests to the same host (a rate limit per host), in `analyze` "
        "and in each `watch` round.",
    )
    max_json_depth: int = _setting(
        64, "JSON nested deeper than this is refused before it is parsed."
    )
    max_markup_depth: int = _setting(
        1000, "HTML or XML whose elements nest deeper than this is refused before it is parsed."
    )
    max_line_chars: int = _setting(
        100_000, "A text line or article paragraph longer than this many characters is refused."
    )
    max_article_chars: int = _setting(
        100_000, "Articles longer than this many characters are stored but not analysed."
    )
    read_cpu_seconds: float = _setting(
        30.0, "CPU seconds reading one input may take (0: no limit); it is skipped beyond that."
    )
    annotate_cpu_seconds: float = _setting(
        60.0,
        "CPU seconds annotating one article may take (0: no limit); it is left out beyond that.",
    )
    user_agent: str = _setting("newsprism/0.1 (+offline news analysis)", "HTTP User-Agent.")
    languages: tuple[str, ...] = _setting(
        ("en",), "Languages that are analysed; articles in others are stored, not analysed."
    )
    near_duplicate_threshold: float = _setting(
        0.6, "Estimated Jaccard similarity of word 5-shingles above which an article is a copy."
    )
    date: str | None = _setting(
        None, "Publication date (YYYY-MM-DD) given to every article, overriding what is found."
    )
    batch_articles: int = _setting(
        500, "Articles stored per transaction; a crash loses at most the batch in progress."
    )
    gazetteer: str | None = _setting(
        None, "Extra gazetteer file (TOML, layout of docs/gazetteer.md) added to the built-in one."
    )
    embedding_model: str | None = _setting(
        None,
        "Folder of an all-MiniLM-L6-v2 model (default: the one installed with newsprism).",
    )
    story_threshold: float = _setting(
        0.55,
        "Score (cosine of title+lead embeddings plus shared-entity bonus) at which an article "
        "joins a story; higher gives more, tighter stories.",
    )
    story_merge_threshold: float = _setting(0.72, "Score at which two stories are merged into one.")
    story_window_days: int = _setting(
        7, "An article may join a story whose first-to-last dates, widened by this, contain it."
    )
    formats: tuple[str, ...] = _setting(("json", "md", "html"), "Report formats to write.")
    brief_words: int = _setting(
        600,
        "Most words of a story's brief, its six sections together (the rest of the "
        "report keeps everything else).",
    )
    today: str | None = _setting(
        None,
        "Latest date an inferred publication date may take (default: the clock's today). "
        "Set it to make runs over old corpora reproducible.",
    )
    watch_backoff: float = _setting(
        60.0,
        "`watch`: seconds a source is left alone after an error, doubling with each error "
        "in a row.",
    )
    watch_backoff_max: float = _setting(
        21600.0, "`watch`: the longest a failing source is left alone, in seconds."
    )

    workers: int = _setting(
        0,
        "Processes for the per-article stages (one spaCy pass: annotation and extraction); "
        "0: one per core. Results are the same for any number.",
    )
    encoder_threads: int = _setting(
        1,
        "Torch threads the sentence encoder uses (0: torch's default, one per core). One "
        "spends the least CPU per sentence, and far less on a busy machine.",
    )
    engine: str = _setting(
        "local",
        "Where the per-article stages run: `local` (this machine's --workers processes) or "
        "`dask` (a Dask cluster: --scheduler, else a local one; needs newsprism[dask]).",
    )
    scheduler: str | None = _setting(
        None, "Address of a Dask scheduler for --engine dask (tcp://host:8786)."
    )

    llm: str | None = _setting(
        None,
        "Base URL of an OpenAI-compatible API that writes the brief and answers in its own words "
        "(Ollama: http://127.0.0.1:11434/v1, llama.cpp server: http://127.0.0.1:8080/v1); every "
        "sentence is checked against its citations. Unset: the extractive writer only.",
    )
    llm_model: str | None = _setting(None, "Model name the LLM endpoint serves (llama3.1, …).")
    llm_key: str | None = _setting(
        None, "API key of the LLM endpoint (default: $NEWSPRISM_LLM_KEY, else $OPENAI_API_KEY)."
    )
    llm_timeout: float = _setting(120.0, "Seconds to wait for one reply of the LLM endpoint.")
    llm_retries: int = _setting(
        2, "Retries after a timeout, a refused connection or a server error of the LLM endpoint."
    )
    llm_backoff: float = _setting(1.0, "Seconds before the first retry; each next one doubles.")

    def today_date(self) -> dt.date:
        return dt.date.fromisoformat(self.today) if self.today else dt.date.today()


FORMATS = ("json", "md", "html")
ENGINES = ("local", "dask")


def load_settings(config: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the TOML file (if any), then `overrides` whose value is not None."""
    values: dict[str, Any] = {}
    path = Path(config) if config else Path("newsprism.toml")
    if config or path.exists():
        values.update(_read_toml(path))
        make_settings(dict(values), origin=str(path))  # a bad file is named as the culprit
    given = {k: v for k, v in overrides.items() if v is not None}
    # the file passed on its own, so what fails now comes from the options given
    return make_settings({**values, **given}, origin="options" if given else str(path))


def make_settings(values: dict[str, Any], origin: str = "settings") -> Settings:
    known = {f.name: f for f in fields(Settings)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(
            f"{origin}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    for name in ("languages", "formats"):
        if isinstance(values.get(name), list | str):
            raw = values[name]
            items = raw.split(",") if isinstance(raw, str) else raw
            values[name] = tuple(str(v).strip() for v in items if str(v).strip())
    settings = dataclasses.replace(Settings(), **values)
    _validate(settings, origin)
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: config file not found (check the --config path)") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file or remove it") from exc
    section = data.get("newsprism", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: expected a [newsprism] table")
    return dict(section)


def _validate(s: Settings, origin: str) -> None:
    if s.max_bytes <= 0:
        raise ConfigError(f"{origin}: max_bytes must be positive, got {s.max_bytes}")
    for name in (
        "max_fetches",
        "max_json_depth",
        "max_markup_depth",
        "max_line_chars",
        "max_article_chars",
    ):
        if getattr(s, name) <= 0:
            raise ConfigError(f"{origin}: {name} must be positive, got {getattr(s, name)}")
    for name in (
        "max_feed_depth",
        "fetch_host_interval",
        "read_cpu_seconds",
        "annotate_cpu_seconds",
    ):
        if getattr(s, name) < 0:
            raise ConfigError(f"{origin}: {name} must be 0 or more, got {getattr(s, name)}")
    if s.batch_articles <= 0:
        raise ConfigError(f"{origin}: batch_articles must be positive, got {s.batch_articles}")
    if s.brief_words < 50:
        raise ConfigError(
            f"{origin}: brief_words must be at least 50 (a brief needs room for a sentence "
            f"per section), got {s.brief_words}"
        )
    if not 0.0 < s.near_duplicate_threshold <= 1.0:
        raise ConfigError(
            f"{origin}: near_duplicate_threshold must be in (0, 1], "
            f"got {s.near_duplicate_threshold}"
        )
    for name in ("story_threshold", "story_merge_threshold"):
        if not -1.0 <= getattr(s, name) <= 2.0:
            raise ConfigError(f"{origin}: {name} must be between -1 and 2, got {getattr(s, name)}")
    if s.story_window_days < 0:
        raise ConfigError(
            f"{origin}: story_window_days must be 0 or more, got {s.story_window_days}"
        )
    for name in ("watch_backoff", "watch_backoff_max"):
        if getattr(s, name) < 0:
            raise ConfigError(f"{origin}: {name} must be 0 or more, got {getattr(s, name)}")
    bad = [f for f in s.formats if f not in FORMATS]
    if bad:
        raise ConfigError(f"{origin}: unknown format(s) {bad}; choose from {', '.join(FORMATS)}")
    _validate_llm(s, origin)
    _validate_engine(s, origin)
    for name in ("date", "today"):
        value = getattr(s, name)
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError as exc:
                raise ConfigError(f"{origin}: {name} must be YYYY-MM-DD, got {value!r}") from exc


def _validate_engine(s: Settings, origin: str) -> None:
    for name in ("workers", "encoder_threads"):
        if getattr(s, name) < 0:
            raise ConfigError(
                f"{origin}: {name} must be 0 (one per core) or more, got {getattr(s, name)}"
            )
    if s.engine not in ENGINES:
        raise ConfigError(f"{origin}: engine must be one of {', '.join(ENGINES)}, got {s.engine!r}")
    if s.scheduler is not None and s.engine != "dask":
        raise ConfigError(f"{origin}: scheduler is for engine dask; add --engine dask")


def _validate_llm(s: Settings, origin: str) -> None:
    if s.llm is None:
        return
    if not s.llm.startswith(("http://", "https://")):
        raise ConfigError(
            f"{origin}: llm must be the base URL of an OpenAI-compatible API "
            f"(http://127.0.0.1:11434/v1 for Ollama), got {s.llm!r}"
        )
    if not s.llm_model:
        raise ConfigError(
            f"{origin}: llm is set but llm_model is not; name the model (--llm-model)"
        )
    if s.llm_timeout <= 0 or s.llm_retries < 0 or s.llm_backoff < 0:
        raise ConfigError(
            f"{origin}: llm_timeout must be positive and llm_retries, llm_backoff 0 or more "
            f"(got {s.llm_timeout}, {s.llm_retries}, {s.llm_backoff})"
        )


def settings_help() -> list[tuple[str, str, str]]:
    """(name, default, help) for every setting, for the README and `--help`."""
    defaults = Settings()
    return [(f.name, repr(getattr(defaults, f.name)), f.metadata["help"]) for f in fields(Settings)]
