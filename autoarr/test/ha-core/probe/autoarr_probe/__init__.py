"""Test-only stand-ins for what the tests cannot reach over Home Assistant's API in 2024.8.

- The Supervisor: `autoarr_probe/hassio_discovery` starts a flow exactly as the hassio integration does for an
  add-on's discovery message (source "hassio", a HassioServiceInfo).
- The services list: HA's /api/services loads every integration's descriptions, and one core integration's selector
  needs numpy (absent here); `autoarr_probe/services` lists the registered autoarr services and validates
  autoarr's services.yaml with Home Assistant's own loader.
- A day passing: `autoarr_probe/age_repair_clocks` unloads the AutoArr entry, moves the stored "first seen" time of
  every repair condition back by some hours (through Home Assistant's own Store, as the integration reads it) and
  loads the entry again, so a "for more than 24 hours" repair can be seen without waiting a day.
- A conversation agent: `autoarr_probe/llm_tools` and `autoarr_probe/llm_call` use Home Assistant's own llm helper
  the way an Assist agent does (get the API instance, list its tools, call one).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import voluptuous as vol

from homeassistant.components import websocket_api
from homeassistant.core import HomeAssistant
from homeassistant.helpers import llm
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

try:  # Home Assistant 2025.1+
    from homeassistant.helpers.service_info.hassio import HassioServiceInfo
except ImportError:  # 2024.8
    from homeassistant.components.hassio import HassioServiceInfo

DOMAIN = "autoarr_probe"


async def async_setup(hass: HomeAssistant, config: dict[str, Any]) -> bool:
    websocket_api.async_register_command(hass, ws_hassio_discovery)
    websocket_api.async_register_command(hass, ws_llm_tools)
    websocket_api.async_register_command(hass, ws_llm_call)
    websocket_api.async_register_command(hass, ws_services)
    websocket_api.async_register_command(hass, ws_age_repair_clocks)
    return True


def _context() -> llm.LLMContext:
    return llm.LLMContext(
        platform="conversation", context=None, user_prompt=None, language="en", assistant="conversation", device_id=None
    )


@websocket_api.websocket_command(
    {vol.Required("type"): "autoarr_probe/hassio_discovery", vol.Required("config"): dict, vol.Required("uuid"): str}
)
@websocket_api.async_response
async def ws_hassio_discovery(hass: HomeAssistant, connection: Any, msg: dict[str, Any]) -> None:
    info = HassioServiceInfo(config=msg["config"], name="AutoArr", slug="autoarr", uuid=msg["uuid"])
    result = await hass.config_entries.flow.async_init("autoarr", context={"source": "hassio"}, data=info)
    keys = ("type", "flow_id", "step_id", "reason", "errors", "title")
    connection.send_result(msg["id"], {k: str(result.get(k)) if k == "type" else result.get(k) for k in keys})


@websocket_api.websocket_command({vol.Required("type"): "autoarr_probe/llm_tools", vol.Required("api_id"): str})
@websocket_api.async_response
async def ws_llm_tools(hass: HomeAssistant, connection: Any, msg: dict[str, Any]) -> None:
    apis = {api.id: api.name for api in llm.async_get_apis(hass)}
    instance = await llm.async_get_api(hass, msg["api_id"], _context())
    connection.send_result(
        msg["id"],
        {
            "apis": apis,
            "prompt": instance.api_prompt,
            "tools": [{"name": t.name, "description": t.description} for t in instance.tools],
        },
    )


@websocket_api.websocket_command(
    {
        vol.Required("type"): "autoarr_probe/llm_call",
        vol.Required("api_id"): str,
        vol.Required("tool"): str,
        vol.Optional("args", default={}): dict,
    }
)
@websocket_api.async_response
async def ws_llm_call(hass: HomeAssistant, connection: Any, msg: dict[str, Any]) -> None:
    instance = await llm.async_get_api(hass, msg["api_id"], _context())
    tool_input = llm.ToolInput(tool_name=msg["tool"], tool_args=msg["args"])
    connection.send_result(msg["id"], await instance.async_call_tool(tool_input))


@websocket_api.websocket_command({vol.Required("type"): "autoarr_probe/services"})
@websocket_api.async_response
async def ws_services(hass: HomeAssistant, connection: Any, msg: dict[str, Any]) -> None:
    from homeassistant.helpers.service import _load_services_file
    from homeassistant.loader import async_get_integration

    integration = await async_get_integration(hass, "autoarr")
    described = await hass.async_add_executor_job(_load_services_file, hass, integration)
    connection.send_result(
        msg["id"],
        {
            "registered": sorted(hass.services.async_services_for_domain("autoarr")),
            "described": sorted(described),
            "fields": {name: sorted((d or {}).get("fields", {})) for name, d in described.items()},
        },
    )


@websocket_api.websocket_command(
    {vol.Required("type"): "autoarr_probe/age_repair_clocks", vol.Required("entry_id"): str, vol.Required("hours"): int}
)
@websocket_api.async_response
async def ws_age_repair_clocks(hass: HomeAssistant, connection: Any, msg: dict[str, Any]) -> None:
    await hass.config_entries.async_unload(msg["entry_id"])
    store: Store[dict[str, str]] = Store(hass, 1, "autoarr.health_since")
    since = await store.async_load() or {}
    back = timedelta(hours=msg["hours"])
    aged = {k: ((dt_util.parse_datetime(v) or dt_util.utcnow()) - back).isoformat() for k, v in since.items()}
    await store.async_save(aged)
    await hass.config_entries.async_setup(msg["entry_id"])
    connection.send_result(msg["id"], aged)
