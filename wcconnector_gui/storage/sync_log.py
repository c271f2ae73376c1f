"""Sync runs and the per-record sync log, and the list of open conflicts, of one store."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from wcconnector_gui.domain.sync_run import RunStatus, SyncAction
from wcconnector_gui.runtime.redaction import redact
from wcconnector_gui.storage.database import utc_now
from wcconnector_gui.storage.stores import resolve_store


class SyncLogRepository:
    """The runs, log and conflicts of one store (``store`` None: the only store)."""

    def __init__(self, db: Database, store: int | None = None) -> None:
        self.db = db
        self.store = int(resolve_store(db, store))

    def start_run(self, direction: str, selection: list[str] | None, dry_run: bool) -> int:
        cursor = self.db.execute(
            "INSERT INTO sync_runs (store_id, started_at, direction, selection, dry_run, status) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                self.store,
                utc_now(),
                direction,
                ",".join(selection or []),
                int(dry_run),
                RunStatus.RUNNING,
            ],
        )
        return int(cursor.lastrowid or 0)

    def log_many(
        self, run_id: int, entries: list[tuple[SyncAction, str, int | None, str, str]]
    ) -> None:
        """Outcomes as (action, customer_no, webstore_id, reason, direction), in one statement.

        Call it inside the transaction that applies the outcomes.
        """
        at = utc_now()
        self.db.conn.executemany(
            "INSERT INTO sync_log (run_id, at, customer_no, webstore_id, action, reason, "
            "direction) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (run_id, at, no, wid, str(action), redact(reason), direction)
                for action, no, wid, reason, direction in entries
            ],
        )

    def finish_run(
        self,
        run_id: int,
        status: RunStatus,
        counts: dict[str, int],
        requests: int,
        error: str = "",
        direction_counts: dict[str, dict[str, int]] | None = None,
        problem: str = "",
    ) -> None:
        """Close a run: its status, its counts (in all and per direction) and why it failed."""
        self.db.execute(
            "UPDATE sync_runs SET finished_at = ?, status = ?, counts = ?, requests = ?, "
            "error = ?, direction_counts = ?, problem = ? WHERE id = ?",
            [
                utc_now(),
                str(status),
                json.dumps(counts),
                requests,
                redact(error),
                json.dumps(direction_counts or {}),
                problem,
                run_id,
            ],
        )

    def end_interrupted_runs(self) -> None:
        """Mark runs still "running" as failed, with the outcomes they logged before."""
        stale = [
            row[0]
            for row in self.db.execute(
                "SELECT id FROM sync_runs WHERE store_id = ? AND status = ?",
                [self.store, RunStatus.RUNNING],
            )
        ]
        for run_id in stale:
            counts: dict[str, int] = {}
            direction_counts: dict[str, dict[str, int]] = {}
            for direction, action, count in self.db.execute(
                "SELECT direction, action, count(*) FROM sync_log WHERE run_id = ? "
                "GROUP BY direction, action",
                [run_id],
            ):
                counts[action] = counts.get(action, 0) + count
                direction_counts.setdefault(direction, {})[action] = count
            self.finish_run(
                run_id,
                RunStatus.FAILED,
                counts,
                0,
                "interrupted: the app or the sync process stopped before the end; "
                "the next run carried on",
                direction_counts,
            )

    def runs(self, limit: int = 200) -> list[dict[str, Any]]:
        rows = self.db.query(
            "SELECT * FROM sync_runs WHERE store_id = ? ORDER BY id DESC LIMIT ?",
            [self.store, limit],
        )
        return [_run_row(r) for r in rows]

    def get_run(self, run_id: int) -> dict[str, Any] | None:
        rows = list(
            self.db.query(
                "SELECT * FROM sync_runs WHERE store_id = ? AND id = ?", [self.store, run_id]
            )
        )
        return _run_row(rows[0]) if rows else None

    def entries(
        self,
        run_id: int | None = None,
        *,
        errors_only: bool = False,
        limit: int | None = 10_000,
        newest_first: bool = True,
        from_run: int | None = None,
    ) -> list[dict[str, Any]]:
        """Logged outcomes of one run, of runs ``from_run`` on, or of all; no limit: None."""
        where = ["run_id IN (SELECT id FROM sync_runs WHERE store_id = ?)"]
        params: list[Any] = [self.store]
        if run_id is not None:
            where.append("run_id = ?")
            params.append(run_id)
        if from_run is not None:
            where.append("run_id >= ?")
            params.append(from_run)
        if errors_only:
            where.append("action IN ('skipped', 'failed', 'conflict')")
        clause = f"WHERE {' AND '.join(where)}"
        order = "DESC" if newest_first else "ASC"
        params.append(-1 if limit is None else limit)
        sql = f"SELECT * FROM sync_log {clause} ORDER BY id {order} LIMIT ?"
        return list(self.db.query(sql, params))

    # --- conflicts -------------------------------------------------------------------
    def open_conflict(
        self,
        customer_no: str,
        webstore_id: int | None,
        kind: str,
        detail: str,
        local_snapshot: dict[str, Any],
        remote_snapshot: dict[str, Any],
    ) -> int:
        """Record a conflict for the user to decide (one open conflict per customer)."""
        existing = self.db.execute(
            "SELECT id FROM conflicts WHERE store_id = ? AND customer_no = ? AND resolved_at = ''",
            [self.store, customer_no],
        ).fetchone()
        values = [
            webstore_id,
            kind,
            redact(detail),
            json.dumps(local_snapshot, ensure_ascii=False),
            json.dumps(remote_snapshot, ensure_ascii=False),
            utc_now(),
        ]
        if existing:
            self.db.execute(
                "UPDATE conflicts SET webstore_id = ?, kind = ?, detail = ?, local_snapshot = ?, "
                "remote_snapshot = ?, detected_at = ? WHERE store_id = ? AND id = ?",
                [*values, self.store, existing[0]],
            )
            return int(existing[0])
        cursor = self.db.execute(
            "INSERT INTO conflicts (webstore_id, kind, detail, local_snapshot, remote_snapshot, "
            "detected_at, customer_no, store_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [*values, customer_no, self.store],
        )
        return int(cursor.lastrowid or 0)

    def open_conflicts(self) -> list[dict[str, Any]]:
        rows = self.db.query(
            "SELECT * FROM conflicts WHERE store_id = ? AND resolved_at = '' ORDER BY id",
            [self.store],
        )
        return [
            {
                **r,
                "local_snapshot": json.loads(r["local_snapshot"]),
                "remote_snapshot": json.loads(r["remote_snapshot"]),
            }
            for r in rows
        ]

    def open_conflict_nos(self) -> set[str]:
        return set(self.open_conflict_details())

    def open_conflict_details(self) -> dict[str, str]:
        """Customer No. → what its open conflict is about (the detail it was opened with)."""
        rows = self.db.execute(
            "SELECT customer_no, detail FROM conflicts WHERE store_id = ? AND resolved_at = ''",
            [self.store],
        )
        return {str(r[0]): str(r[1]) for r in rows}

    def get_conflict(self, conflict_id: int) -> dict[str, Any] | None:
        rows = list(
            self.db.query(
                "SELECT * FROM conflicts WHERE store_id = ? AND id = ?", [self.store, conflict_id]
            )
        )
        return rows[0] if rows else None

    def resolve_conflict(self, conflict_id: int, resolution: str) -> None:
        self.db.execute(
            "UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE store_id = ? AND id = ?",
            [utc_now(), resolution, self.store, conflict_id],
        )


def _run_row(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **row,
        "counts": json.loads(row["counts"] or "{}"),
        "direction_counts": json.loads(row["direction_counts"] or "{}"),
    }
