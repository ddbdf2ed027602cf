"""The AutoArr integration: connects Home Assistant to an AutoArr server (add-on or container)."""

from __future__ import annotations

from typing import TypeAlias

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryAuthFailed, ConfigEntryNotReady
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .api import AutoArrApi, AutoArrInfo, CannotConnect, InvalidAuth
from .const import CONF_TOKEN, CONF_URL
from .frontend import async_register_cards, async_unregister_cards


class AutoArrRuntime:
    """What a loaded entry keeps: the API client and what the server said at setup."""

    def __init__(self, api: AutoArrApi, info: AutoArrInfo) -> None:
        self.api = api
        self.info = info


AutoArrConfigEntry: TypeAlias = ConfigEntry[AutoArrRuntime]


async def async_setup_entry(hass: HomeAssistant, entry: AutoArrConfigEntry) -> bool:
    """Check the server answers and the token works; Home Assistant retries while it does not."""
    api = AutoArrApi(async_get_clientsession(hass), entry.data[CONF_URL], entry.data[CONF_TOKEN])
    try:
        info = await api.validate()
    except InvalidAuth as err:
        raise ConfigEntryAuthFailed("AutoArr refused the API token") from err
    except CannotConnect as err:
        raise ConfigEntryNotReady(f"AutoArr does not answer at {api.url}") from err
    entry.runtime_data = AutoArrRuntime(api, info)
    async_register_cards(hass, api.url, info.version)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: AutoArrConfigEntry) -> bool:
    """Removes the cards from the dashboards; no platforms are set up."""
    async_unregister_cards(hass)
    return True
