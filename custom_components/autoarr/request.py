"""Plain-words requests ("add Dune Part Two") through AutoArr's /api/request, shared by the autoarr.request action
and Assist. AutoArr previews first and adds only on a confirm, the same path as its own UI, REST API and MCP tool;
what it answers is passed on in Home Assistant's snake_case, with no more than a script or an agent needs.
"""

from __future__ import annotations

from typing import Any

from .api import AutoArrApi
from .calls import all_downloads, call_autoarr

MAX_LISTED = 5


async def ask(api: AutoArrApi, text: str, choice: dict[str, Any] | None = None) -> dict[str, Any]:
    """AutoArr's preview (or question, or answer) for the text; changes nothing."""
    body: dict[str, Any] = {"text": text}
    if choice:
        body["choice"] = choice
    answer = await call_autoarr(api, "POST", "/api/request", body)
    shaped = shape(answer)
    intent = answer.get("intent") if isinstance(answer, dict) else None
    if isinstance(intent, dict) and intent.get("kind") == "status" and not intent.get("title"):
        # "What's downloading?": AutoArr points at its Downloads page; here the answer itself is more useful.
        shaped.update(await downloading(api))
    return shaped


async def confirm(api: AutoArrApi, preview_id: str) -> dict[str, Any]:
    """Carries out one preview (once, within 15 minutes of it); an expired id is refused with AutoArr's words."""
    return shape(await call_autoarr(api, "POST", "/api/request/confirm", {"previewId": preview_id}))


async def ask_and_confirm(api: AutoArrApi, text: str, choice: dict[str, Any] | None = None) -> dict[str, Any]:
    """Preview and, when AutoArr proposes something to do, do it; otherwise the preview's answer stands."""
    first = await ask(api, text, choice)
    if first.get("preview_id"):
        return await confirm(api, first["preview_id"])
    return first


async def downloading(api: AutoArrApi) -> dict[str, Any]:
    """What is downloading now, in a sentence and as a short list."""
    items, by_state = await all_downloads(api, ["downloading"])
    listed = [
        {
            "download_id": d.get("id"),
            "title": _name(d),
            "progress": d.get("progress"),
            "eta_seconds": d.get("etaSeconds"),
        }
        for d in items
    ]
    queued = by_state.get("queued", 0)
    waiting = f" {queued} more {'is' if queued == 1 else 'are'} queued." if queued else ""
    if not listed:
        message = f"Nothing is downloading right now.{waiting}"
    else:
        names = ", ".join(f"{d['title']} ({round(d['progress'] or 0)} %)" for d in listed[:MAX_LISTED])
        more = f" and {len(listed) - MAX_LISTED} more" if len(listed) > MAX_LISTED else ""
        count = "1 download is" if len(listed) == 1 else f"{len(listed)} downloads are"
        message = f"{count} downloading: {names}{more}.{waiting}"
    return {"message": message, "downloads": listed}


def _name(d: dict[str, Any]) -> str:
    media = d.get("media")
    if isinstance(media, dict) and media.get("label"):
        return str(media["label"])
    return str(d.get("title", ""))[:120]


def shape(answer: Any) -> dict[str, Any]:
    """AutoArr's RequestAnswer in the form Home Assistant scripts and agents get it."""
    a = answer if isinstance(answer, dict) else {}
    out: dict[str, Any] = {
        "outcome": a.get("outcome"),
        "message": a.get("message"),
        "notes": [str(n) for n in a.get("notes") or []],
        "interpreted_by": a.get("interpretedBy"),
        "dry_run": a.get("dryRun") is True,
        # True when something was added or a search started (or, in dry run, recorded).
        "done": a.get("outcome") == "done",
    }
    if a.get("previewId") and a.get("outcome") != "done":
        out["preview_id"] = a["previewId"]
    plan = a.get("plan")
    if isinstance(plan, dict):
        profile = plan.get("qualityProfile")
        out["plan"] = {
            k: v
            for k, v in {
                "action": plan.get("action"),
                "app": plan.get("app"),
                "instance_id": plan.get("instanceId"),
                "instance_name": plan.get("instanceName"),
                "title": plan.get("title"),
                "year": plan.get("year"),
                "root_folder": plan.get("rootFolder"),
                "quality_profile": profile.get("name") if isinstance(profile, dict) else None,
                "season": plan.get("season"),
                "episode": plan.get("episode"),
                "search": plan.get("search"),
            }.items()
            if v is not None
        }
    options = a.get("options")
    if isinstance(options, list):
        out["options"] = [
            {
                "title": o.get("title"),
                "year": o.get("year"),
                "media_type": o.get("mediaType"),
                "instance_id": o.get("instanceId"),
                "instance_name": o.get("instanceName"),
                "external_id": o.get("externalId"),
                "in_library": o.get("inLibrary"),
            }
            for o in options
            if isinstance(o, dict)
        ]
    return out
