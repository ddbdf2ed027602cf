"""Constants for the AutoArr integration."""

from __future__ import annotations

from typing import Final

DOMAIN: Final = "autoarr"

CONF_URL: Final = "url"
CONF_TOKEN: Final = "token"
# Option: raise the "dry run on / automatic recovery off for more than a day" repairs (on unless turned off).
CONF_SWITCH_REMINDERS: Final = "switch_reminders"

DEFAULT_URL: Final = "http://homeassistant.local:8099"
HEALTH_PATH: Final = "/api/health"
# Any API path that needs the bearer token proves the token is right; the settings hold no secrets.
AUTH_CHECK_PATH: Final = "/api/settings"
EVENTS_PATH: Final = "/api/events"
REQUEST_TIMEOUT: Final = 10

# The dashboard cards: where the AutoArr server serves them, and where Home Assistant serves them on.
CARDS_PATH: Final = "/cards/autoarr-cards.js"
CARDS_URL: Final = "/autoarr_static/autoarr-cards.js"

# Download states AutoArr reports (autoarr/src/shared/types.ts DownloadState).
DOWNLOAD_STATES: Final = (
    "queued",
    "downloading",
    "paused",
    "stalled",
    "post_processing",
    "import_pending",
    "import_blocked",
    "failed",
    "recovering",
    "completed",
    "removed",
    "replaced",
)
PROBLEM_STATES: Final = ("stalled", "failed", "import_blocked")
