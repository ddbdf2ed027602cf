"""Service actions: each one calls AutoArr's REST API with the token of the chosen entry.

AutoArr's refusal (an unknown download id, an action it cannot take now) is raised with AutoArr's own message, so
the person sees exactly what AutoArr said.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote, urlencode

import voluptuous as vol

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import config_validation as cv

from .api import AutoArrApi, CannotConnect, InvalidAuth, NotAutoArr, RequestRefused
from .const import DOMAIN, DOWNLOAD_STATES

ATTR_ENTRY = "config_entry_id"
ATTR_ID = "download_id"

_entry = {vol.Optional(ATTR_ENTRY): cv.string}
_download = {**_entry, vol.Required(ATTR_ID): vol.All(cv.string, vol.Length(min=1, max=200))}


def loaded_api(hass: HomeAssistant, entry_id: str | None = None) -> AutoArrApi:
    """The API of the chosen entry, or of the only loaded one."""
    entries = [e for e in hass.config_entries.async_entries(DOMAIN) if e.state is ConfigEntryState.LOADED]
    if entry_id is not None:
        entries = [e for e in entries if e.entry_id == entry_id]
        if not entries:
            raise ServiceValidationError(
                "This AutoArr entry is not loaded; check Settings → Devices & services → AutoArr",
                translation_domain=DOMAIN,
                translation_key="entry_not_loaded",
            )
    if not entries:
        raise ServiceValidationError(
            "AutoArr is not connected; set it up under Settings → Devices & services",
            translation_domain=DOMAIN,
            translation_key="not_connected",
        )
    if len(entries) > 1:
        raise ServiceValidationError(
            "More than one AutoArr is connected; choose one with config_entry_id",
            translation_domain=DOMAIN,
            translation_key="choose_entry",
        )
    return entries[0].runtime_data.api


async def call_autoarr(api: AutoArrApi, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    """One REST call, with AutoArr's errors turned into Home Assistant's."""
    try:
        return await api.request(method, path, body=body)
    except RequestRefused as err:
        # 400/404/422: the request itself was wrong (unknown id, bad value); 409 and others: AutoArr refused now.
        cls = ServiceValidationError if err.status in (400, 404, 422) else HomeAssistantError
        raise cls(
            f"AutoArr: {err.message}",
            translation_domain=DOMAIN,
            translation_key="autoarr_refused",
            translation_placeholders={"message": err.message},
        ) from err
    except InvalidAuth as err:
        raise HomeAssistantError(
            "AutoArr refused the API token; enter the current one from AutoArr → Assistants",
            translation_domain=DOMAIN,
            translation_key="invalid_auth",
        ) from err
    except (CannotConnect, NotAutoArr) as err:
        raise HomeAssistantError(
            f"AutoArr does not answer at {api.url}; check that it is running",
            translation_domain=DOMAIN,
            translation_key="cannot_connect",
            translation_placeholders={"url": api.url},
        ) from err


def path_id(download_id: str) -> str:
    return quote(download_id, safe="")


# AutoArr pages /api/downloads (50 by default, 500 at most); a caller asking for "the downloads" means all of them.
PAGE_SIZE = 500
MAX_PAGES = 200  # 100 000 downloads: only a guard against a list that keeps growing while it is read


async def all_downloads(api: AutoArrApi, states: list[str] | None = None) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Every download AutoArr watches (in `states`, if given), and AutoArr's count of all of them per state."""
    query: dict[str, Any] = {"pageSize": PAGE_SIZE}
    if states:
        query["state"] = ",".join(states)
    items: list[dict[str, Any]] = []
    seen: set[Any] = set()
    by_state: dict[str, int] = {}
    for page in range(1, MAX_PAGES + 1):
        body = await call_autoarr(api, "GET", f"/api/downloads?{urlencode({**query, 'page': page})}")
        if not isinstance(body, dict):
            break
        batch = [d for d in body.get("items") or [] if isinstance(d, dict)]
        if isinstance(body.get("byState"), dict):
            by_state = {str(k): int(v) for k, v in body["byState"].items() if isinstance(v, int)}
        for d in batch:
            # A download that moved up while the pages were read would come twice.
            if d.get("id") not in seen:
                seen.add(d.get("id"))
                items.append(d)
        total = body.get("total")
        if not batch or not isinstance(total, int) or page * PAGE_SIZE >= total:
            break
    return items, by_state


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
