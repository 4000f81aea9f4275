"""Saving and loading fitted models as plain arrays: ``model-<version>.npz`` + ``model-<version>.json``.

- The ``.npz`` holds only numeric and fixed-width string arrays (sparse matrices as data / indices / indptr
  / shape) and is read with ``np.load(..., allow_pickle=False)``: loading a model never runs code.
- The ``.json`` holds the version, ``trained_at`` (ISO 8601, UTC), the metrics, every hyperparameter and the
  id maps (item ids, category ids).
- Versions are increasing integers written as 6 digits. Files are written to a temporary name and moved
  into place with ``os.replace``, the ``.npz`` first, then the ``.json``, then the ``LATEST`` pointer, so
  a reader never sees half a model; :func:`latest_version` reads only ``LATEST`` (one small file), so a
  web process can cheaply poll it and reload when it changes. Only the newest ``keep`` versions are kept.
- What is saved is what serving needs: item vectors, item-item similarities, popularity per group and the
  catalogue's numeric columns. No device's history is saved (``score_users``/``recommend(user_rows)`` are
  unavailable after loading; ``score_history`` and the hybrid's ``recommend(request)`` work), and neither
  are the texts or the fitted TF-IDF vocabulary (not needed to score).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from .collaborative import EASE, ItemKNN
from .content import ContentModel
from .dataset import IdMap, ItemCatalogue
from .hybrid import HybridRecommender
from .popularity import PopularityModel

FORMAT = 1
LATEST = "LATEST"
_NAME = re.compile(r"^model-(\d{6,})\.json$")
_ESTIMATORS = {cls.__name__: cls for cls in (ContentModel, PopularityModel, ItemKNN, EASE)}


@dataclass
class StoredModel:
    version: str
    trained_at: str
    metrics: dict
    model: Any  # a HybridRecommender, or a dict of parts
    metadata: dict


# --- arrays ---------------------------------------------------------------------------------------------


def _put_sparse(arrays: dict, key: str, M) -> None:
    M = sp.csr_matrix(M)
    arrays[f"{key}.data"] = M.data
    arrays[f"{key}.indices"] = M.indices
    arrays[f"{key}.indptr"] = M.indptr
    arrays[f"{key}.shape"] = np.asarray(M.shape, dtype=np.int64)


def _get_sparse(arrays, key: str) -> sp.csr_matrix:
    shape = tuple(int(x) for x in arrays[f"{key}.shape"])
    return sp.csr_matrix((arrays[f"{key}.data"], arrays[f"{key}.indices"], arrays[f"{key}.indptr"]), shape=shape)


def _jsonable(value):
    """numpy scalars and arrays in metrics/metadata → plain JSON values."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


def _json_params(estimator) -> dict:
    params = estimator.get_params(deep=False)
    out = {}
    for name, value in params.items():
        if hasattr(value, "get_params"):
            value = {"class": type(value).__name__, "params": _json_params(value)}
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, np.generic):
            value = value.item()
        elif not isinstance(value, str | int | float | bool | list | dict | type(None)):
            value = repr(value)
        out[name] = value
    return out


def _from_json_params(cls, params: dict):
    kwargs = {}
    for name, value in params.items():
        if isinstance(value, dict) and "class" in value and "params" in value:
            value = _from_json_params(_ESTIMATORS[value["class"]], value["params"])
        elif name == "ngram_range" and isinstance(value, list):
            value = tuple(value)
        kwargs[name] = value
    return cls(**kwargs)


def _dump_part(kind: str, model, arrays: dict) -> dict:
    """Arrays of one fitted part into ``arrays`` (keys prefixed with ``kind``); returns its JSON metadata."""
    meta = {"class": type(model).__name__, "params": _json_params(model), "n_items": int(model.n_items_)}
    if isinstance(model, ContentModel):
        V = model.item_vectors_
        if sp.issparse(V):
            _put_sparse(arrays, f"{kind}.item_vectors", V)
            meta["sparse"] = True
        else:
            arrays[f"{kind}.item_vectors"] = np.asarray(V, dtype=np.float32)
            meta["sparse"] = False
        meta["categories"] = model.categories_.to_list()
        meta["blocks"] = {k: list(v) for k, v in model.blocks_.items()}
    elif isinstance(model, ItemKNN):
        _put_sparse(arrays, f"{kind}.similarity", model.similarity_)
    elif isinstance(model, EASE):
        arrays[f"{kind}.coefficients"] = np.asarray(model.coefficients_, dtype=np.float32)
    elif isinstance(model, PopularityModel):
        arrays[f"{kind}.group_keys"] = np.asarray(model.group_keys_, dtype=str)
        arrays[f"{kind}.group_scores"] = np.asarray(model.group_scores_, dtype=np.float32)
    else:
        raise TypeError(f"cannot save a {type(model).__name__}")
    return meta


def _load_part(kind: str, meta: dict, arrays):
    cls = _ESTIMATORS[meta["class"]]
    model = _from_json_params(cls, meta["params"])
    n = int(meta["n_items"])
    if cls is ContentModel:
        V = _get_sparse(arrays, f"{kind}.item_vectors") if meta["sparse"] else arrays[f"{kind}.item_vectors"]
        model.vectorizer_ = model.svd_ = None
        model.user_items_ = None
        model._set_vectors(V, IdMap.from_list(meta["categories"]), {k: tuple(v) for k, v in meta["blocks"].items()})
    elif cls is ItemKNN:
        model.similarity_ = _get_sparse(arrays, f"{kind}.similarity")
        model.neighbours_ = model.similarity_.T.tocsr()
        model.user_items_ = None
        model.n_items_ = n
    elif cls is EASE:
        model.coefficients_ = np.ascontiguousarray(arrays[f"{kind}.coefficients"])
        model.user_items_ = None
        model.n_items_ = n
    elif cls is PopularityModel:
        model.group_keys_ = np.asarray(arrays[f"{kind}.group_keys"], dtype=str)
        model.group_scores_ = np.asarray(arrays[f"{kind}.group_scores"], dtype=np.float32)
        model.user_group_index_ = np.zeros(0, dtype=np.int64)
        model.user_items_ = None
        model.n_items_ = n
    return model


def _dump_catalogue(catalogue: ItemCatalogue, arrays: dict) -> dict:
    lengths = np.asarray([len(c) for c in catalogue.categories], dtype=np.int64)
    arrays["catalogue.categories.indptr"] = np.r_[0, np.cumsum(lengths)].astype(np.int64)
    arrays["catalogue.categories.values"] = np.asarray(
        [c for cats in catalogue.categories for c in cats], dtype=np.int64
    )
    for name in (
        "age_min", "age_max", "price_kind", "price_amount", "trial", "beginner",
        "created", "lat", "lon", "area", "available", "primary_category",
    ):  # fmt: skip
        value = getattr(catalogue, name)
        arrays[f"catalogue.{name}"] = np.asarray(value, dtype=str) if value.dtype.kind in "OU" else value
    return {"ids": catalogue.ids.to_list()}


def _load_catalogue(meta: dict, arrays) -> ItemCatalogue:
    indptr = arrays["catalogue.categories.indptr"]
    values = arrays["catalogue.categories.values"].tolist()
    n = len(indptr) - 1
    columns = {
        name: arrays[f"catalogue.{name}"]
        for name in (
            "age_min",
            "age_max",
            "price_kind",
            "price_amount",
            "trial",
            "beginner",
            "created",
            "lat",
            "lon",
            "area",
            "available",
            "primary_category",
        )  # fmt: skip
    }
    return ItemCatalogue(
        ids=IdMap.from_list(meta["ids"]),
        texts=[""] * n,
        categories=[values[indptr[i] : indptr[i + 1]] for i in range(n)],
        **columns,
    )


# --- versions -------------------------------------------------------------------------------------------


def _versions(directory: Path) -> list[str]:
    if not directory.is_dir():
        return []
    found = []
    for name in os.listdir(directory):
        m = _NAME.match(name)
        if m and (directory / f"model-{m.group(1)}.npz").exists():
            found.append(m.group(1))
    return sorted(found, key=int)


def latest_version(directory) -> str | None:
    """The newest complete version in ``directory`` (from the ``LATEST`` pointer; a listing if it is missing),
    or ``None`` when there is none. Cheap enough to call on every request or every few seconds."""
    directory = Path(directory)
    try:
        version = (directory / LATEST).read_text(encoding="ascii").strip()
    except (FileNotFoundError, NotADirectoryError):
        version = ""
    if version and (directory / f"model-{version}.json").exists():
        return version
    versions = _versions(directory)
    return versions[-1] if versions else None


def _write_atomic(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _claim_version(directory: Path) -> str:
    """The next version number, claimed with an exclusive lock file so two writers never share one."""
    existing = _versions(directory)
    number = int(existing[-1]) + 1 if existing else 1
    while True:
        version = f"{number:06d}"
        try:
            fd = os.open(directory / f".model-{version}.claim", os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            number += 1
            continue
        os.close(fd)
        if (directory / f"model-{version}.json").exists():
            number += 1
            continue
        return version


def save_model(
    model,
    directory,
    metrics: dict | None = None,
    trained_at: dt.datetime | None = None,
    keep: int = 3,
    metadata: dict | None = None,
) -> str:
    """Save a fitted :class:`HybridRecommender` (or a dict of fitted parts keyed ``content`` /
    ``popularity`` / ``collaborative``) as the next version; returns the version. Keeps the newest ``keep``
    versions. ``metrics`` and ``metadata`` must be JSON-serialisable."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    trained_at = trained_at or dt.datetime.now(dt.UTC)
    if trained_at.tzinfo is None:
        trained_at = trained_at.replace(tzinfo=dt.UTC)
    arrays: dict[str, np.ndarray] = {}
    doc: dict[str, Any] = {
        "format": FORMAT,
        "trained_at": trained_at.astimezone(dt.UTC).isoformat(),
        "metrics": metrics or {},
        "metadata": metadata or {},
        "parts": {},
    }
    if isinstance(model, HybridRecommender):
        doc["kind"] = "hybrid"
        doc["hybrid"] = _json_params(model)
        doc["catalogue"] = _dump_catalogue(model.catalogue_, arrays)
        parts = {"content": model.content_, "popularity": model.popularity_, "collaborative": model.collaborative_}
    elif isinstance(model, dict):
        doc["kind"] = "parts"
        parts = dict(model)
    else:
        raise TypeError("save_model takes a HybridRecommender or a dict of fitted parts")
    for name, part in parts.items():
        if part is not None:
            doc["parts"][name] = _dump_part(name, part, arrays)
    for key, value in arrays.items():
        if value.dtype == object:
            raise TypeError(f"{key}: object arrays cannot be saved")

    version = _claim_version(directory)
    doc["version"] = version
    try:
        _write_atomic(directory / f"model-{version}.npz", lambda f: np.savez(f, **arrays))
        body = json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False, default=_jsonable).encode()
        _write_atomic(directory / f"model-{version}.json", lambda f: f.write(body))
        current = latest_version(directory)
        if current is None or int(version) >= int(current):
            _write_atomic(directory / LATEST, lambda f: f.write(version.encode("ascii")))
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(directory / f".model-{version}.claim")
    prune(directory, keep)
    return version


def prune(directory, keep: int = 3) -> list[str]:
    """Delete all but the newest ``keep`` versions (never the one ``LATEST`` points to); returns those deleted."""
    directory = Path(directory)
    versions = _versions(directory)
    current = latest_version(directory)
    doomed = [v for v in versions[: max(len(versions) - max(int(keep), 1), 0)] if v != current]
    for version in doomed:
        for suffix in (".json", ".npz"):  # the json first: a listing never shows a version without arrays
            with contextlib.suppress(FileNotFoundError):
                os.unlink(directory / f"model-{version}{suffix}")
    return doomed


def load_model(directory, version: str) -> StoredModel:
    """Load one version (``FileNotFoundError`` if it is missing)."""
    directory = Path(directory)
    doc = json.loads((directory / f"model-{version}.json").read_text(encoding="utf-8"))
    if doc.get("format") != FORMAT:
        raise ValueError(f"model-{version}: unknown format {doc.get('format')!r}")
    with np.load(directory / f"model-{version}.npz", allow_pickle=False) as npz:
        arrays = {key: npz[key] for key in npz.files}
    parts = {name: _load_part(name, meta, arrays) for name, meta in doc["parts"].items()}
    if doc["kind"] == "hybrid":
        model = _from_json_params(HybridRecommender, doc["hybrid"])
        model._set_parts(
            _load_catalogue(doc["catalogue"], arrays), parts["content"], parts["popularity"], parts.get("collaborative")
        )
    else:
        model = parts
    return StoredModel(
        version=doc["version"],
        trained_at=doc["trained_at"],
        metrics=doc["metrics"],
        model=model,
        metadata=doc.get("metadata", {}),
    )


def load_latest(directory) -> StoredModel | None:
    """The newest model in ``directory``, or ``None`` when there is none yet."""
    version = latest_version(directory)
    return None if version is None else load_model(directory, version)
