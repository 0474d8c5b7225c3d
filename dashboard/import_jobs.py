"""Uploaded import files and the checks and imports run on them in the background.

An upload is kept as ``<instance>/imports/<sha256>.<csv|xlsx>``; a job (a check,
which runs the import and rolls it back, or the import itself) runs in a thread and
writes its progress to ``<instance>/imports/jobs/<id>.json``, which any worker can
read: the page polls it. The record holds the kind being read or written, the rows
read so far and, at the end, the outcome. A job whose record stopped changing for
``STALE_AFTER`` (its worker died) is reported as failed.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from data_access.db import session_scope
from data_access.importers import ImportErrorReport
from data_access.importers.errors import RowError
from data_access.importers.plan import ImportPlan
from data_access.importers.readers import open_table
from data_access.importers.runner import (
    ImportRefused,
    Outcome,
    count_rows,
    file_sha256,
    import_planned,
    preview_planned,
)

log = logging.getLogger(__name__)
SUFFIXES = (".csv", ".xlsx")
PREVIEW_ROWS = 20
MAX_ERRORS = 200
KEEP_SECONDS = 2 * 86400
STALE_AFTER = 600
WRITE_EVERY = 0.25
_TOKEN = re.compile(r"[0-9a-f]{64}")
_JOB = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class Upload:
    """A file kept for import: its token (SHA-256), name as uploaded, and path."""

    token: str
    name: str
    path: Path


def folder(instance: Path) -> Path:
    """The folder of uploads and job records."""
    return instance / "imports"


def save_upload(instance: Path, name: str, contents: str) -> Upload:
    """Keep an upload (a ``data:...;base64,`` URL from dcc.Upload).

    Raises:
        ValueError: not a .csv or .xlsx name, or not base64 data.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(suffix or name)
    try:
        data = base64.b64decode(contents.partition(",")[2], validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(name) from None
    where = folder(instance)
    where.mkdir(parents=True, exist_ok=True)
    _forget_old(where)
    temporary = where / f".{secrets.token_hex(8)}{suffix}"
    temporary.write_bytes(data)
    token = file_sha256(temporary)
    path = where / f"{token}{suffix}"
    os.replace(temporary, path)
    return Upload(token, Path(name).name, path)


def find_upload(instance: Path, token: str, name: str) -> Upload | None:
    """The kept upload with this token (None when unknown or not a token)."""
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        return None
    for suffix in SUFFIXES:
        path = folder(instance) / f"{token}{suffix}"
        if path.is_file():
            return Upload(token, Path(str(name)).name, path)
    return None


def _forget_old(where: Path) -> None:
    limit = time.time() - KEEP_SECONDS
    for path in [*where.glob("*.*"), *where.glob("jobs/*.json")]:
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


@dataclass(frozen=True)
class FileSummary:
    """What the page shows once a file is uploaded."""

    headers: list[str]
    rows: int
    samples: dict[str, list[str]]  # header -> first non-empty values


def summarise(upload: Upload, samples: int = 3) -> FileSummary:
    """The header, row count and a few values of each column.

    Raises:
        ImportErrorReport: the file cannot be read.
    """
    with open_table(upload.path) as table:
        headers = [h for h in table.header if h]
        found: dict[str, list[str]] = {h: [] for h in headers}
        for number, row in enumerate(table.rows):
            if number >= 200:
                break
            for header in headers:
                value = (row.get(header) or "").strip()
                if value and len(found[header]) < samples:
                    found[header].append(value)
    return FileSummary(headers, count_rows(upload.path), found)


def first_rows(upload: Upload, limit: int = PREVIEW_ROWS) -> list[dict[str, str]]:
    """The first data rows as written in the file."""
    rows: list[dict[str, str]] = []
    with open_table(upload.path) as table:
        for row in table.rows:
            rows.append({str(k): str(v or "") for k, v in row.items()})
            if len(rows) >= limit:
                break
    return rows


class JobRecord:
    """The progress record of one job, written to its JSON file (throttled)."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        self._written = 0.0

    def update(self, force: bool = False, **changes: Any) -> None:
        """Change the record; write it if forced or some time passed since last write."""
        self.data.update(changes, updated=time.time())
        if force or time.monotonic() - self._written >= WRITE_EVERY:
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps(self.data, ensure_ascii=False))
            os.replace(temporary, self.path)
            self._written = time.monotonic()

    def progress(self, kind: str, stage: str, done: int) -> None:
        """The runner's progress callback."""
        self.update(force=stage == "write", kind=kind, stage=stage, done=done)


def start_job(
    instance: Path,
    *,
    mode: str,
    upload: Upload,
    plan: ImportPlan,
    sessions: sessionmaker[Session],
    currency: str,
    user_id: int,
    total: int,
) -> str:
    """Start a check (``mode="check"``) or an import (``"import"``) in a thread; its id."""
    job_id = secrets.token_hex(16)
    where = folder(instance) / "jobs"
    where.mkdir(parents=True, exist_ok=True)
    record = JobRecord(
        where / f"{job_id}.json",
        {
            "mode": mode,
            "state": "running",
            "kinds": list(dict(plan.ordered())),
            "kind": None,
            "stage": "start",
            "done": 0,
            "total": total,
            "file": upload.name,
        },
    )
    record.update(force=True)
    work = _check if mode == "check" else _import
    thread = threading.Thread(
        target=_run, args=(record, work, upload, plan, sessions, currency, user_id), daemon=True
    )
    thread.start()
    return job_id


def read_job(instance: Path, job_id: str) -> dict[str, Any] | None:
    """A job's record (None when unknown); a silent running job is reported failed."""
    if not isinstance(job_id, str) or not _JOB.fullmatch(job_id):
        return None
    path = folder(instance) / "jobs" / f"{job_id}.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if data.get("state") == "running" and time.time() - data.get("updated", 0) > STALE_AFTER:
        data["state"] = "failed"
    return data


Work = Callable[[Session, Upload, ImportPlan, str, int, JobRecord], Outcome]


def _run(
    record: JobRecord,
    work: Work,
    upload: Upload,
    plan: ImportPlan,
    sessions: sessionmaker[Session],
    currency: str,
    user_id: int,
) -> None:
    try:
        with session_scope(sessions) as sess:
            outcome = work(sess, upload, plan, currency, user_id, record)
    except ImportRefused as exc:
        outcome = exc.outcome
    except ImportErrorReport as exc:
        outcome = Outcome(errors=exc.errors)
    except Exception:
        log.exception("import job failed")
        record.update(force=True, state="failed")
        return
    record.update(force=True, state="done", outcome=outcome_json(outcome, upload))


def _check(
    sess: Session, upload: Upload, plan: ImportPlan, currency: str, _user: int, record: JobRecord
) -> Outcome:
    return preview_planned(sess, upload.path, plan, currency=currency, progress=record.progress)


def _import(
    sess: Session, upload: Upload, plan: ImportPlan, currency: str, user: int, record: JobRecord
) -> Outcome:
    return import_planned(
        sess,
        upload.path,
        plan,
        currency=currency,
        user_id=user,
        via="web",
        file_name=upload.name,
        progress=record.progress,
    )


def outcome_json(outcome: Outcome, upload: Upload) -> dict[str, Any]:
    """An outcome as plain JSON, with the first rows of the file for the preview."""
    return {
        "ok": outcome.ok,
        "results": {
            kind: {"created": r.created, "updated": r.updated, "unchanged": r.unchanged}
            for kind, r in outcome.results.items()
        },
        "rejected": outcome.rejected,
        "error_count": len(outcome.errors),
        "error_rows": len({e.row for e in outcome.errors}),
        "errors": [_error_json(e) for e in outcome.errors[:MAX_ERRORS]],
        "cells": [_error_json(e) for e in outcome.errors if 1 < e.row <= PREVIEW_ROWS + 1],
        "rows": first_rows(upload),
    }


def _error_json(error: RowError) -> dict[str, Any]:
    return {"row": error.row, "column": error.column, "reason": error.reason}
