"""Constants for the AutoArr integration."""

from __future__ import annotations

from typing import Final

DOMAIN: Final = "autoarr"

CONF_URL: Final = "url"
CONF_TOKEN: Final = "token"

DEFAULT_URL: Final = "http://homeassistant.local:8099"
HEALTH_PATH: Final = "/api/health"
# Any API path that needs the bearer token proves the token is right.
AUTH_CHECK_PATH: Final = "/api/access-token"
REQUEST_TIMEOUT: Final = 10

# The dashboard cards: where the AutoArr server serves them, and where Home Assistant serves them on.
CARDS_PATH: Final = "/cards/autoarr-cards.js"
CARDS_URL: Final = "/autoarr_static/autoarr-cards.js"
