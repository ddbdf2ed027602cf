"""Serves AutoArr's dashboard cards to Home Assistant's frontend.

The cards bundle lives on the AutoArr server (/cards/autoarr-cards.js), which the browser often cannot reach (the
add-on's internal host name, or http under an https Home Assistant). Home Assistant fetches it server-side and
serves it from its own origin, so the cards always match the running AutoArr version.
"""

from __future__ import annotations

import asyncio

import aiohttp
from aiohttp import web

from homeassistant.components.frontend import add_extra_js_url, remove_extra_js_url
from homeassistant.components.http import HomeAssistantView
from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .const import CARDS_PATH, CARDS_URL, DOMAIN, REQUEST_TIMEOUT

_VIEW_KEY = f"{DOMAIN}_cards_view"
_URL_KEY = f"{DOMAIN}_cards_url"


class AutoArrCardsView(HomeAssistantView):
    """GET /autoarr_static/autoarr-cards.js → the bundle from the connected AutoArr server."""

    url = CARDS_URL
    name = "autoarr:cards"
    # Module scripts are loaded without Home Assistant's auth header; the file holds code only, no data.
    requires_auth = False

    def __init__(self, hass: HomeAssistant) -> None:
        self._hass = hass
        self.server_url: str | None = None

    async def get(self, request: web.Request) -> web.Response:
        if not self.server_url:
            return web.Response(status=404, text="AutoArr is not connected")
        session = async_get_clientsession(self._hass)
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT):
                async with session.get(f"{self.server_url}{CARDS_PATH}") as resp:
                    if resp.status != 200:
                        return web.Response(status=502, text=f"AutoArr answered {resp.status} for its cards")
                    body = await resp.read()
        except (aiohttp.ClientError, TimeoutError):
            return web.Response(status=502, text="AutoArr did not answer")
        return web.Response(
            body=body,
            content_type="text/javascript",
            headers={"Cache-Control": "no-cache"},
        )


def async_register_cards(hass: HomeAssistant, server_url: str, version: str) -> None:
    """Points the view at the server and adds the bundle to every dashboard (the version busts the cache)."""
    view: AutoArrCardsView | None = hass.data.get(_VIEW_KEY)
    if view is None:
        view = AutoArrCardsView(hass)
        hass.http.register_view(view)
        hass.data[_VIEW_KEY] = view
    view.server_url = server_url
    url = f"{CARDS_URL}?v={version}"
    old = hass.data.get(_URL_KEY)
    if old and old != url:
        remove_extra_js_url(hass, old)
    if old != url:
        add_extra_js_url(hass, url)
        hass.data[_URL_KEY] = url


def async_unregister_cards(hass: HomeAssistant) -> None:
    """Stops adding the bundle; the view stays registered (aiohttp routes cannot be removed) but answers 404."""
    url = hass.data.pop(_URL_KEY, None)
    if url:
        remove_extra_js_url(hass, url)
    view: AutoArrCardsView | None = hass.data.get(_VIEW_KEY)
    if view is not None:
        view.server_url = None
