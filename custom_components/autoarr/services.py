"""Service actions: each one calls AutoArr's REST API with the token of the chosen entry.

AutoArr's refusal (an unknown download id, an action it cannot take now) is raised with AutoArr's own message, so
the person sees exactly what AutoArr said.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import voluptuous as vol

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv

from . import request
from .calls import all_downloads, call_autoarr, loaded_api, path_id
from .const import DOMAIN, DOWNLOAD_STATES

ATTR_ENTRY = "config_entry_id"
ATTR_ID = "download_id"

_entry = {vol.Optional(ATTR_ENTRY): cv.string}
_download = {**_entry, vol.Required(ATTR_ID): vol.All(cv.string, vol.Length(min=1, max=200))}


def _simple(method: str, path: Callable[[ServiceCall], str], body: Callable[[ServiceCall], dict[str, Any] | None]):
    async def handler(hass: HomeAssistant, call: ServiceCall) -> None:
        api = loaded_api(hass, call.data.get(ATTR_ENTRY))
        await call_autoarr(api, method, path(call), body(call))

    return handler


async def _get_downloads(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    api = loaded_api(hass, call.data.get(ATTR_ENTRY))
    items, by_state = await all_downloads(api, call.data.get("state") or [])
    return {
        "downloads": [_download_summary(d) for d in items],
        "total": len(items),
        # Every watched download per state, whatever the filter: what the downloads card's chips count.
        "counts_by_state": by_state,
    }


async def _request(hass: HomeAssistant, call: ServiceCall) -> ServiceResponse:
    """Text → AutoArr's preview; `confirm` carries it out at once; `preview_id` carries out a preview seen before."""
    api = loaded_api(hass, call.data.get(ATTR_ENTRY))
    if preview_id := call.data.get("preview_id"):
        return await request.confirm(api, preview_id)
    text = call.data.get("text")
    if not text:
        raise ServiceValidationError(
            "Say what to request in text (for example: add Dune Part Two), or send the preview_id of a preview",
            translation_domain=DOMAIN,
            translation_key="request_needs_text",
        )
    choice = None
    if "external_id" in call.data or "instance_id" in call.data:
        if not ("external_id" in call.data and "instance_id" in call.data):
            raise ServiceValidationError(
                "To pick one of the offered titles send both instance_id and external_id from its option",
                translation_domain=DOMAIN,
                translation_key="request_choice_incomplete",
            )
        choice = {"instanceId": call.data["instance_id"], "externalId": call.data["external_id"]}
    if call.data.get("confirm"):
        return await request.ask_and_confirm(api, text, choice)
    return await request.ask(api, text, choice)


def _download_summary(d: dict[str, Any]) -> dict[str, Any]:
    """The fields an automation or a person needs; the full record stays in AutoArr."""
    keys = ("id", "title", "app", "instanceId", "state", "progress", "sizeBytes", "bytesLeft", "etaSeconds", "ignored")
    out = {k: d.get(k) for k in keys if k in d}
    media = d.get("media")
    if isinstance(media, dict) and media.get("label"):
        out["media"] = media["label"]
    strikes = d.get("strikes")
    if isinstance(strikes, dict):
        out["strikes"] = strikes.get("count")
    if d.get("problem"):
        out["problem"] = d["problem"]
    return out


Handler = Callable[[HomeAssistant, ServiceCall], Awaitable[Any]]

SERVICES: dict[str, tuple[vol.Schema, Handler, SupportsResponse]] = {
    "retry_download": (
        vol.Schema(_download),
        _simple("POST", lambda c: f"/api/downloads/{path_id(c.data[ATTR_ID])}/retry", lambda c: None),
        SupportsResponse.NONE,
    ),
    "remove_download": (
        vol.Schema({**_download, vol.Optional("blocklist", default=False): cv.boolean}),
        _simple(
            "POST",
            lambda c: f"/api/downloads/{path_id(c.data[ATTR_ID])}/remove",
            lambda c: {"blocklist": c.data["blocklist"]},
        ),
        SupportsResponse.NONE,
    ),
    "ignore_download": (
        vol.Schema({**_download, vol.Optional("ignored", default=True): cv.boolean}),
        _simple(
            "POST",
            lambda c: f"/api/downloads/{path_id(c.data[ATTR_ID])}/ignore",
            lambda c: {"ignored": c.data["ignored"]},
        ),
        SupportsResponse.NONE,
    ),
    "retry_stalled": (
        vol.Schema(_entry),
        _simple("POST", lambda c: "/api/downloads/retry-stalled", lambda c: None),
        SupportsResponse.NONE,
    ),
    "run_audit": (vol.Schema(_entry), _simple("POST", lambda c: "/api/audit/run", lambda c: None), SupportsResponse.NONE),
    "pause_downloads": (
        vol.Schema({**_entry, vol.Optional("minutes"): vol.All(vol.Coerce(int), vol.Range(min=1, max=10080))}),
        _simple(
            "POST",
            lambda c: "/api/sabnzbd/pause",
            lambda c: {"minutes": c.data["minutes"]} if "minutes" in c.data else None,
        ),
        SupportsResponse.NONE,
    ),
    "resume_downloads": (
        vol.Schema(_entry),
        _simple("POST", lambda c: "/api/sabnzbd/resume", lambda c: None),
        SupportsResponse.NONE,
    ),
    "set_speed_limit": (
        vol.Schema({**_entry, vol.Required("percent"): vol.All(vol.Coerce(int), vol.Range(min=1, max=100))}),
        _simple("POST", lambda c: "/api/sabnzbd/speed-limit", lambda c: {"percent": c.data["percent"]}),
        SupportsResponse.NONE,
    ),
    "get_downloads": (
        vol.Schema({**_entry, vol.Optional("state"): vol.All(cv.ensure_list, [vol.In(DOWNLOAD_STATES)])}),
        _get_downloads,
        SupportsResponse.ONLY,
    ),
    "request": (
        vol.Schema(
            {
                **_entry,
                vol.Optional("text"): vol.All(cv.string, vol.Length(min=1, max=500)),
                vol.Optional("confirm", default=False): cv.boolean,
                vol.Optional("preview_id"): vol.All(cv.string, vol.Length(min=1, max=100)),
                vol.Optional("instance_id"): vol.All(cv.string, vol.Length(min=1, max=64)),
                vol.Optional("external_id"): vol.All(vol.Coerce(int), vol.Range(min=1)),
            }
        ),
        _request,
        # A confirm changes something, so a script may call it without wanting the answer.
        SupportsResponse.OPTIONAL,
    ),
}


@callback
def async_register_services(hass: HomeAssistant) -> None:
    for name, (schema, handler, response) in SERVICES.items():
        hass.services.async_register(DOMAIN, name, _bound(hass, handler), schema=schema, supports_response=response)


def _bound(hass: HomeAssistant, handler: Handler) -> Callable[[ServiceCall], Awaitable[Any]]:
    # ServiceCall only carries `hass` from Home Assistant 2025.1 on.
    async def run(call: ServiceCall) -> Any:
        return await handler(hass, call)

    return run
