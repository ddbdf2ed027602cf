"""Config flow for AutoArr: by hand (URL + token), from the add-on's Supervisor discovery, reauth and reconfigure.

One AutoArr per Home Assistant: its MQTT entities and cards assume one. That rule is kept here rather than with
`single_config_entry`, because that manifest key makes Home Assistant abort a discovery before `async_step_hassio`
runs, and a rotated token or new URL announced by the add-on would never reach the existing entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import voluptuous as vol

from homeassistant.config_entries import (
    SOURCE_IGNORE,
    SOURCE_REAUTH,
    ConfigEntry,
    ConfigEntryState,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.core import callback
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .api import AutoArrApi, CannotConnect, InvalidAuth, NotAutoArr
from .const import CONF_SWITCH_REMINDERS, CONF_TOKEN, CONF_URL, DEFAULT_URL, DOMAIN

try:  # Home Assistant 2025.1 and newer (the old place warns, then goes away)
    from homeassistant.helpers.service_info.hassio import HassioServiceInfo
except ImportError:  # 2024.8 – 2024.12
    from homeassistant.components.hassio import HassioServiceInfo


def _clean_url(url: str) -> str:
    return url.strip().rstrip("/")


class AutoArrConfigFlow(ConfigFlow, domain=DOMAIN):
    """Handle a config flow for AutoArr."""

    VERSION = 1

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> OptionsFlow:
        return AutoArrOptionsFlow()

    def __init__(self) -> None:
        self._discovered: dict[str, str] = {}
        self._addon_name = "AutoArr"

    async def _validate(self, url: str, token: str) -> str | None:
        """Returns an error key from translations/en.json, or None when the server and token work."""
        api = AutoArrApi(async_get_clientsession(self.hass), url, token)
        try:
            await api.validate()
        except InvalidAuth:
            return "invalid_auth"
        except NotAutoArr:
            return "not_autoarr"
        except CannotConnect:
            return "cannot_connect"
        return None

    def _flow_entry(self) -> ConfigEntry:
        """The entry a reauth or reconfigure flow was started for (works before and after HA 2024.11)."""
        entry = self.hass.config_entries.async_get_entry(self.context["entry_id"])
        assert entry is not None
        return entry

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for the server's URL and API token."""
        if self._async_current_entries():
            return self.async_abort(reason="single_instance_allowed")
        errors: dict[str, str] = {}
        if user_input is not None:
            url = _clean_url(user_input[CONF_URL])
            token = user_input[CONF_TOKEN].strip()
            error = await self._validate(url, token)
            if error is None:
                return self.async_create_entry(title="AutoArr", data={CONF_URL: url, CONF_TOKEN: token})
            errors["base"] = error
        schema = vol.Schema(
            {
                vol.Required(CONF_URL, default=(user_input or {}).get(CONF_URL, DEFAULT_URL)): str,
                vol.Required(CONF_TOKEN): str,
            }
        )
        return self.async_show_form(step_id="user", data_schema=schema, errors=errors)

    async def async_step_hassio(self, discovery_info: HassioServiceInfo) -> ConfigFlowResult:
        """The AutoArr add-on announced itself (again) through the Supervisor."""
        config: Mapping[str, Any] = discovery_info.config
        url = f"http://{config['host']}:{config['port']}"
        token = str(config["token"])
        if self._async_current_entries(include_ignore=False):
            # The announcement carries the current token: a reauth flow waiting for one (AutoArr refused the old
            # token before the add-on re-announced) would otherwise block it with "already_in_progress".
            for flow in self._async_in_progress(include_uninitialized=True):
                if flow["context"].get("source") == SOURCE_REAUTH:
                    self.hass.config_entries.flow.async_abort(flow["flow_id"])
        existing = await self.async_set_unique_id(discovery_info.uuid)
        if existing is not None and existing.source == SOURCE_IGNORE:
            return self.async_abort(reason="already_configured")
        # The add-on re-announces after a token rotation or a port change; an entry added by hand before the add-on
        # announced itself adopts the announcement. Either way the entry takes the new address and token.
        for entry in [existing] if existing else self._async_current_entries(include_ignore=False):
            changed = self.hass.config_entries.async_update_entry(
                entry, unique_id=discovery_info.uuid, data={**entry.data, CONF_URL: url, CONF_TOKEN: token}
            )
            # Unlike Home Assistant's own update-and-abort, this also reloads an entry that failed on the old token.
            if entry.state is ConfigEntryState.SETUP_RETRY or (
                changed and entry.state in (ConfigEntryState.LOADED, ConfigEntryState.SETUP_ERROR)
            ):
                self.hass.config_entries.async_schedule_reload(entry.entry_id)
            return self.async_abort(reason="already_configured")
        self._discovered = {CONF_URL: url, CONF_TOKEN: token}
        self._addon_name = discovery_info.name or "AutoArr"
        self.context["title_placeholders"] = {"addon": self._addon_name}
        return await self.async_step_hassio_confirm()

    async def async_step_hassio_confirm(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Discovery never adds an entry without the person confirming it."""
        errors: dict[str, str] = {}
        if user_input is not None:
            error = await self._validate(self._discovered[CONF_URL], self._discovered[CONF_TOKEN])
            if error is None:
                return self.async_create_entry(title=self._addon_name, data=self._discovered)
            errors["base"] = error
        return self.async_show_form(
            step_id="hassio_confirm",
            description_placeholders={"addon": self._addon_name},
            errors=errors,
        )

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        """AutoArr refused the stored token (it was rotated in AutoArr → Assistants)."""
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for the current token and keep the URL."""
        entry = self._flow_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            token = user_input[CONF_TOKEN].strip()
            error = await self._validate(entry.data[CONF_URL], token)
            if error is None:
                return self.async_update_reload_and_abort(
                    entry, data={**entry.data, CONF_TOKEN: token}, reason="reauth_successful"
                )
            errors["base"] = error
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=vol.Schema({vol.Required(CONF_TOKEN): str}),
            description_placeholders={"url": entry.data[CONF_URL]},
            errors=errors,
        )

    async def async_step_reconfigure(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Change the URL AutoArr is reached at (it moved host or port); the token stays."""
        entry = self._flow_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            url = _clean_url(user_input[CONF_URL])
            error = await self._validate(url, entry.data[CONF_TOKEN])
            if error is None:
                return self.async_update_reload_and_abort(
                    entry, data={**entry.data, CONF_URL: url}, reason="reconfigure_successful"
                )
            errors["base"] = error
        default = (user_input or {}).get(CONF_URL, entry.data[CONF_URL])
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=vol.Schema({vol.Required(CONF_URL, default=default): str}),
            errors=errors,
        )


class AutoArrOptionsFlow(OptionsFlow):
    """The one choice that is the person's, not AutoArr's: whether a day of dry run or of automatic recovery off
    is worth a repair (some run AutoArr report-only on purpose)."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        if user_input is not None:
            return self.async_create_entry(data={CONF_SWITCH_REMINDERS: bool(user_input[CONF_SWITCH_REMINDERS])})
        # The entry by the flow's handler (its id): works before and after HA 2024.11 gave OptionsFlow config_entry.
        entry = self.hass.config_entries.async_get_entry(self.handler)
        current = entry.options.get(CONF_SWITCH_REMINDERS, True) if entry else True
        return self.async_show_form(
            step_id="init",
            data_schema=vol.Schema({vol.Required(CONF_SWITCH_REMINDERS, default=current): bool}),
        )
