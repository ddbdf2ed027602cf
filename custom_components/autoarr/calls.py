"""AutoArr's REST API as the service actions and Assist call it: which entry, AutoArr's errors turned into Home
Assistant's (with AutoArr's own message), and the whole download list across AutoArr's pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

from .api import AutoArrApi, CannotConnect, InvalidAuth, NotAutoArr, RequestRefused
from .const import DOMAIN


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
        # 400/404/410/422: the request itself was wrong (unknown or expired id, bad value); 409 and others: AutoArr
        # refused now.
        cls = ServiceValidationError if err.status in (400, 404, 410, 422) else HomeAssistantError
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
