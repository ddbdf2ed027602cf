"""Short summaries of AutoArr's answers, shared by Assist and diagnostics."""

from __future__ import annotations

from typing import Any

MAX_ITEMS = 15


def audit_summary(latest: Any) -> dict[str, Any]:
    """Score, when, and the findings (worst first) of AutoArr's latest audit (GET /api/audit)."""
    run = latest.get("run") if isinstance(latest, dict) else None
    if not isinstance(run, dict):
        return {"audited": False, "message": "No audit has run yet; run one with the autoarr.run_audit action."}
    findings = [f for f in run.get("findings") or [] if isinstance(f, dict)]
    order = {"critical": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: order.get(str(f.get("severity")), 9))
    return {
        "audited": True,
        "score": run.get("score"),
        "finished_at": run.get("finishedAt"),
        "findings": len(findings),
        "top": [
            {"severity": f.get("severity"), "app": f.get("instanceName"), "title": f.get("title")}
            for f in findings[:MAX_ITEMS]
        ],
    }
