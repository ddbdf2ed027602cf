"""The AutoArr integration: connects Home Assistant to an AutoArr server (add-on or container).

Entities come from AutoArr itself over MQTT discovery; this integration adds what MQTT cannot: a guided setup,
service actions, diagnostics, repair issues, an Assist (LLM) API and intents, and the dashboard cards.
"""

from __future__ import annotations

import logging
from typing import TypeAlias

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryAuthFailed, ConfigEntryNotReady
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.typing import ConfigType

from .api import AutoArrApi, AutoArrInfo, CannotConnect, InvalidAuth, NotAutoArr
from .const import CONF_TOKEN, CONF_URL, DOMAIN
from .frontend import async_register_cards, async_unregister_cards
from .health import HealthWatcher
from .intents import async_register_intents
from .services import async_register_services

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)
_LOGGER = logging.getLogger(__name__)


class AutoArrRuntime:
    """What a loaded entry keeps: the API client, what the server said at setup, and the health watcher."""

    def __init__(self, api: AutoArrApi, info: AutoArrInfo, watcher: HealthWatcher) -> None:
        self.api = api
        self.info = info
        self.watcher = watcher


AutoArrConfigEntry: TypeAlias = ConfigEntry[AutoArrRuntime]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Service actions, intents and the Assist API exist once per Home Assistant, whatever entries are loaded."""
    async_register_services(hass)
    async_register_intents(hass)
    try:
        # Assist needs the conversation component's libraries; a Home Assistant without them still gets the rest.
        from .assist import async_register_llm_api
    except ImportError as err:
        _LOGGER.warning("The AutoArr Assist API is not available in this Home Assistant: %s", err)
    else:
        async_register_llm_api(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: AutoArrConfigEntry) -> bool:
    """Check the server answers and the token works; Home Assistant retries while it does not."""
    api = AutoArrApi(async_get_clientsession(hass), entry.data[CONF_URL], entry.data[CONF_TOKEN])
    try:
        info = await api.validate()
    except InvalidAuth as err:
        raise ConfigEntryAuthFailed("AutoArr refused the API token; enter the current one from AutoArr → Assistants") from err
    except NotAutoArr as err:
        raise ConfigEntryNotReady(f"The server at {api.url} does not answer like AutoArr") from err
    except CannotConnect as err:
        raise ConfigEntryNotReady(f"AutoArr does not answer at {api.url}") from err
    watcher = HealthWatcher(hass, entry, api)
    entry.runtime_data = AutoArrRuntime(api, info, watcher)
    await watcher.async_start()
    entry.async_on_unload(watcher.async_stop)
    entry.async_on_unload(entry.add_update_listener(_async_options_changed))
    async_register_cards(hass, api.url, info.version)
    return True


async def _async_options_changed(hass: HomeAssistant, entry: AutoArrConfigEntry) -> None:
    """The repairs follow the options at once (reauth/reconfigure/discovery reload the entry themselves)."""
    runtime = getattr(entry, "runtime_data", None)
    if isinstance(runtime, AutoArrRuntime):
        runtime.watcher.async_reevaluate()


async def async_unload_entry(hass: HomeAssistant, entry: AutoArrConfigEntry) -> bool:
    """Removes the cards from the dashboards; no platforms are set up."""
    async_unregister_cards(hass)
    return True


async def async_remove_entry(hass: HomeAssistant, entry: AutoArrConfigEntry) -> None:
    """Removing the integration clears the repair issues it raised and what it stored for them."""
    await HealthWatcher.async_forget(hass)
