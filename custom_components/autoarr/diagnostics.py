"""Diagnostics for an AutoArr entry: health, settings (AutoArr sends none of its secrets), versions and the last
audit summary. The entry's token and anything that looks like a secret are redacted all the same."""

from __future__ import annotations

from typing import Any

from yarl import URL

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import __version__ as HA_VERSION
from homeassistant.core import HomeAssistant
from homeassistant.loader import async_get_integration

from .api import AutoArrError
from .summary import audit_summary
from .const import CONF_TOKEN

REDACT = {CONF_TOKEN, "token", "api_key", "apiKey", "password", "mqtt_password", "authorization"}


async def async_get_config_entry_diagnostics(hass: HomeAssistant, entry: Any) -> dict[str, Any]:
    runtime = entry.runtime_data
    integration = await async_get_integration(hass, entry.domain)
    out: dict[str, Any] = {
        "entry": {"title": entry.title, "url": str(URL(entry.data.get("url", "")).with_user(None)), "state": str(entry.state)},
        "versions": {
            "home_assistant": HA_VERSION,
            "integration": str(integration.version),
            "autoarr": runtime.info.version,
        },
    }
    for key, read in (
        ("health", runtime.api.health),
        ("settings", runtime.api.settings),
        ("audit", runtime.api.audit),
    ):
        try:
            value = await read()
            out[key] = audit_summary(value) if key == "audit" else value
        except AutoArrError as err:
            out[key] = {"error": f"AutoArr did not answer ({type(err).__name__})"}
    out["repairs"] = {"conditions_since": runtime.watcher.conditions_since()}
    return async_redact_data(out, REDACT)
