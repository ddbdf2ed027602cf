"""Repair issues from AutoArr's own health, fed by its live event stream (/api/events), not by fast polling.

AutoArr pushes `app.health_changed` and `settings.changed`; on (re)connect and every few minutes the watcher also
reads /api/health and /api/settings once (MQTT's state has no event). A condition must last a while before it is
raised (an app briefly unreachable is not worth a repair) and is cleared as soon as AutoArr reports it fixed.
When each condition was first seen is stored, so a restart of Home Assistant or of AutoArr does not restart the clock.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
import logging
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_call_later, async_track_time_interval
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .api import AutoArrApi, AutoArrError, InvalidAuth
from .const import CONF_SWITCH_REMINDERS, DOMAIN

_LOGGER = logging.getLogger(__name__)

UNREACHABLE_AFTER = timedelta(minutes=10)
SWITCH_AFTER = timedelta(hours=24)
RECHECK_EVERY = timedelta(minutes=5)
LIVE_EVENTS = ["app.health_changed", "settings.changed"]
STORE_KEY = f"{DOMAIN}.health_since"


@dataclass
class Condition:
    issue_id: str
    translation_key: str
    after: timedelta
    placeholders: dict[str, str]
    severity: ir.IssueSeverity = ir.IssueSeverity.WARNING


class HealthWatcher:
    """Keeps Home Assistant's repair issues in step with what AutoArr reports."""

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry, api: AutoArrApi) -> None:
        self.hass = hass
        self._entry = entry
        self._api = api
        self._store: Store[dict[str, str]] = Store(hass, 1, STORE_KEY)
        self._since: dict[str, str] = {}
        self.health: dict[str, Any] | None = None
        self.settings: dict[str, Any] | None = None
        self._down_since: str | None = None
        self._unsubs: list[CALLBACK_TYPE] = []
        self._due: CALLBACK_TYPE | None = None

    async def async_start(self) -> None:
        self._since = await self._store.async_load() or {}
        await self._async_refresh()
        self._entry.async_create_background_task(self.hass, self._async_listen(), f"{DOMAIN} live events")
        self._unsubs.append(async_track_time_interval(self.hass, self._async_recheck, RECHECK_EVERY))

    async def async_stop(self) -> None:
        for unsub in self._unsubs:
            unsub()
        self._unsubs.clear()
        if self._due:
            self._due()
            self._due = None
        # Written now rather than a few seconds later, so a reload or restart keeps every condition's clock.
        await self._store.async_save(dict(self._since))

    @callback
    def async_reevaluate(self) -> None:
        """The entry's options changed."""
        self._evaluate()

    def conditions_since(self) -> dict[str, str]:
        """When each current condition was first seen (for diagnostics)."""
        return dict(self._since)

    @staticmethod
    async def async_forget(hass: HomeAssistant) -> None:
        """The entry was removed: its repair issues and the stored clocks go with it."""
        registry = ir.async_get(hass)
        for domain, issue_id in list(registry.issues):
            if domain == DOMAIN:
                ir.async_delete_issue(hass, DOMAIN, issue_id)
        await Store(hass, 1, STORE_KEY).async_remove()

    async def _async_recheck(self, _now: Any = None) -> None:
        await self._async_refresh()

    async def _async_refresh(self) -> None:
        """Reads health and settings once; AutoArr being down is a condition of its own."""
        try:
            self.health = await self._api.health()
            self.settings = await self._api.settings()
            self._down_since = None
        except InvalidAuth:
            self._entry.async_start_reauth(self.hass)
            return
        except AutoArrError:
            self._down_since = self._down_since or dt_util.utcnow().isoformat()
        self._evaluate()

    async def _async_listen(self) -> None:
        """Follows AutoArr's event stream; reconnects with a growing pause while AutoArr is away."""
        pause = 1.0
        while True:
            try:
                async for name, payload in self._api.events(LIVE_EVENTS):
                    pause = 1.0
                    if name == "hello":
                        await self._async_refresh()
                    elif name == "app.health_changed" and isinstance(payload, dict):
                        self._apply_app(payload.get("status"))
                    elif name == "settings.changed" and isinstance(payload, dict):
                        self._apply_setting(payload.get("key"), payload.get("value"))
            except InvalidAuth:
                self._entry.async_start_reauth(self.hass)
                return
            except AutoArrError as err:
                _LOGGER.debug("AutoArr's event stream at %s ended: %s", self._api.url, type(err).__name__)
            self._down_since = self._down_since or dt_util.utcnow().isoformat()
            self._evaluate()
            await asyncio.sleep(pause)
            pause = min(pause * 2, 60.0)

    def _apply_app(self, status: Any) -> None:
        if not isinstance(status, dict) or not isinstance(status.get("id"), str) or self.health is None:
            return
        apps = dict(self.health.get("apps") or {})
        apps[status["id"]] = {k: v for k, v in status.items() if k != "id"}
        self.health = {**self.health, "apps": apps}
        self._evaluate()

    def _apply_setting(self, key: Any, value: Any) -> None:
        if key not in ("dryRun", "autoRecovery") or not isinstance(value, bool) or self.settings is None:
            return
        runtime = {**(self.settings.get("runtime") or {}), key: value}
        self.settings = {**self.settings, "runtime": runtime}
        self._evaluate()

    def _conditions(self) -> list[Condition]:
        out: list[Condition] = []
        if self._down_since:
            out.append(Condition("autoarr_unreachable", "autoarr_unreachable", UNREACHABLE_AFTER, {"url": self._api.url}))
            return out  # the others stand as AutoArr last said (see _evaluate)
        for app_id, app in ((self.health or {}).get("apps") or {}).items():
            if not isinstance(app, dict):
                continue
            state = app.get("state")
            words = {"app": str(app.get("name") or app_id), "message": str(app.get("message") or "")}
            if state == "auth_failed":
                out.append(Condition(f"app_auth_failed_{app_id}", "app_auth_failed", timedelta(0), words, ir.IssueSeverity.ERROR))
            elif state == "wrong_app":
                out.append(Condition(f"app_wrong_app_{app_id}", "app_wrong_app", timedelta(0), words, ir.IssueSeverity.ERROR))
            elif state in ("unreachable", "unsupported"):
                out.append(Condition(f"app_unreachable_{app_id}", "app_unreachable", UNREACHABLE_AFTER, words))
        mqtt = (self.health or {}).get("mqtt")
        if self.health is not None and (not isinstance(mqtt, dict) or mqtt.get("state") != "connected"):
            message = str(mqtt.get("message") or "") if isinstance(mqtt, dict) else ""
            disabled = not isinstance(mqtt, dict) or mqtt.get("state") == "disabled"
            out.append(Condition("mqtt_missing", "mqtt_missing", timedelta(0) if disabled else UNREACHABLE_AFTER, {"message": message}))
        runtime = (self.settings or {}).get("runtime") or {}
        if not self._entry.options.get(CONF_SWITCH_REMINDERS, True):
            return out  # the person runs like this on purpose (the entry's options)
        if runtime.get("dryRun") is True:
            out.append(Condition("dry_run_on", "dry_run_on", SWITCH_AFTER, {}))
        if runtime.get("autoRecovery") is False:
            out.append(Condition("auto_recovery_off", "auto_recovery_off", SWITCH_AFTER, {}))
        return out

    @callback
    def _evaluate(self) -> None:
        now = dt_util.utcnow()
        active = {c.issue_id: c for c in self._conditions()}
        changed = False
        next_due: timedelta | None = None
        for issue_id, c in active.items():
            if issue_id not in self._since:
                self._since[issue_id] = now.isoformat()
                changed = True
            since = dt_util.parse_datetime(self._since[issue_id]) or now
            wait = since + c.after - now
            if wait <= timedelta(0):
                ir.async_create_issue(
                    self.hass,
                    DOMAIN,
                    issue_id,
                    is_fixable=False,
                    severity=c.severity,
                    translation_key=c.translation_key,
                    translation_placeholders=c.placeholders,
                )
            elif next_due is None or wait < next_due:
                next_due = wait
        # While AutoArr is away nothing else is known: what it said last (issues and their clocks) stands, so a
        # restart of AutoArr neither flaps the repairs nor restarts a "for more than a day" clock.
        stands = lambda issue_id: self._down_since is not None and issue_id != "autoarr_unreachable"  # noqa: E731
        for issue_id in [i for i in self._since if i not in active and not stands(i)]:
            del self._since[issue_id]
            changed = True
        registry = ir.async_get(self.hass)
        for domain, issue_id in list(registry.issues):
            if domain == DOMAIN and issue_id not in active and not stands(issue_id):
                ir.async_delete_issue(self.hass, DOMAIN, issue_id)
        if changed:
            self._store.async_delay_save(lambda: dict(self._since), 5)
        if self._due:
            self._due()
            self._due = None
        if next_due is not None:
            self._due = async_call_later(self.hass, next_due.total_seconds() + 1, self._async_due)

    @callback
    def _async_due(self, _now: Any) -> None:
        self._due = None
        self._evaluate()
