"""Config flow for AutoArr: by hand (URL + token) or from the add-on's Supervisor discovery."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import voluptuous as vol

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.service_info.hassio import HassioServiceInfo

from .api import AutoArrApi, CannotConnect, InvalidAuth
from .const import CONF_TOKEN, CONF_URL, DEFAULT_URL, DOMAIN


class AutoArrConfigFlow(ConfigFlow, domain=DOMAIN):
    """Handle a config flow for AutoArr."""

    VERSION = 1

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
        except CannotConnect:
            return "cannot_connect"
        return None

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for the server's URL and API token."""
        errors: dict[str, str] = {}
        if user_input is not None:
            url = user_input[CONF_URL].strip().rstrip("/")
            await self.async_set_unique_id(url)
            self._abort_if_unique_id_configured()
            error = await self._validate(url, user_input[CONF_TOKEN])
            if error is None:
                return self.async_create_entry(title="AutoArr", data={CONF_URL: url, CONF_TOKEN: user_input[CONF_TOKEN]})
            errors["base"] = error
        schema = vol.Schema(
            {
                vol.Required(CONF_URL, default=(user_input or {}).get(CONF_URL, DEFAULT_URL)): str,
                vol.Required(CONF_TOKEN): str,
            }
        )
        return self.async_show_form(step_id="user", data_schema=schema, errors=errors)

    async def async_step_hassio(self, discovery_info: HassioServiceInfo) -> ConfigFlowResult:
        """The AutoArr add-on announced itself through the Supervisor."""
        config: Mapping[str, Any] = discovery_info.config
        url = f"http://{config['host']}:{config['port']}"
        await self.async_set_unique_id(discovery_info.uuid)
        self._abort_if_unique_id_configured(updates={CONF_URL: url, CONF_TOKEN: config["token"]})
        self._discovered = {CONF_URL: url, CONF_TOKEN: str(config["token"])}
        self._addon_name = discovery_info.name or "AutoArr"
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
