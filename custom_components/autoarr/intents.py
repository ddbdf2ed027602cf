"""Intents for Assist without an LLM: AutoArrRequest (title), AutoArrConfirmRequest and AutoArrIsDownloading (title).

Home Assistant 2024.8 lets an integration handle intents but not ship the sentences that trigger them; the person
adds those as custom sentences (DOCS.md has a file to copy). A request is spoken back as AutoArr's preview; the
add waits for AutoArrConfirmRequest from the same person on the same device, within AutoArr's 15 minutes.
"""

from __future__ import annotations

import time

import voluptuous as vol

from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import intent

from . import request
from .calls import loaded_api
from .const import DOMAIN

INTENT_REQUEST = "AutoArrRequest"
INTENT_CONFIRM = "AutoArrConfirmRequest"
INTENT_IS_DOWNLOADING = "AutoArrIsDownloading"
_PENDING = f"{DOMAIN}_intent_previews"
PREVIEW_TTL = 15 * 60  # AutoArr keeps a preview this long


def _who(intent_obj: intent.Intent) -> str:
    """A confirmation counts for the preview the same person got on the same device."""
    return f"{intent_obj.context.user_id}:{getattr(intent_obj, 'device_id', None)}"


def _pending(hass: HomeAssistant) -> dict[str, tuple[str, float]]:
    pending: dict[str, tuple[str, float]] = hass.data.setdefault(_PENDING, {})
    now = time.monotonic()
    for key in [k for k, (_, at) in pending.items() if now - at > PREVIEW_TTL]:
        del pending[key]
    return pending


def _say(intent_obj: intent.Intent, text: str) -> intent.IntentResponse:
    response = intent_obj.create_response()
    response.async_set_speech(text)
    return response


class _AutoArrIntent(intent.IntentHandler):
    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        try:
            return await self.answer(intent_obj)
        except HomeAssistantError as err:
            # Spoken as the answer: "AutoArr does not answer at …", "AutoArr: <its message>".
            raise intent.IntentHandleError(str(err)) from err

    async def answer(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        raise NotImplementedError


class RequestIntent(_AutoArrIntent):
    intent_type = INTENT_REQUEST
    description = "Asks AutoArr for a show or movie; answers with its preview, which AutoArrConfirmRequest carries out"

    @property
    def slot_schema(self) -> dict:
        return {vol.Required("title"): intent.non_empty_string}

    async def answer(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        slots = self.async_validate_slots(intent_obj.slots)
        title = str(slots["title"]["value"]).strip()[:480]
        hass = intent_obj.hass
        answer = await request.ask(loaded_api(hass), f"add {title}")
        pending = _pending(hass)
        if answer.get("preview_id"):
            pending[_who(intent_obj)] = (answer["preview_id"], time.monotonic())
            return _say(intent_obj, f"{answer['message']} To go ahead, confirm the request.")
        pending.pop(_who(intent_obj), None)
        return _say(intent_obj, str(answer.get("message") or "AutoArr gave no answer."))


class ConfirmRequestIntent(_AutoArrIntent):
    intent_type = INTENT_CONFIRM
    description = "Carries out the AutoArr request previewed last on this device"

    async def answer(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        hass = intent_obj.hass
        waiting = _pending(hass).pop(_who(intent_obj), None)
        if waiting is None:
            return _say(intent_obj, "No AutoArr request is waiting for a confirmation. Ask for a show or movie first.")
        answer = await request.confirm(loaded_api(hass), waiting[0])
        return _say(intent_obj, str(answer.get("message") or "AutoArr gave no answer."))


class IsDownloadingIntent(_AutoArrIntent):
    intent_type = INTENT_IS_DOWNLOADING
    description = "Says whether a show or movie is downloading (without a title: what is downloading)"

    @property
    def slot_schema(self) -> dict:
        return {vol.Optional("title"): intent.non_empty_string}

    async def answer(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        slots = self.async_validate_slots(intent_obj.slots)
        api = loaded_api(intent_obj.hass)
        title = str(slots.get("title", {}).get("value") or "").strip()[:200]
        answer = await (request.ask(api, f"is {title} downloading?") if title else request.downloading(api))
        return _say(intent_obj, str(answer.get("message") or "AutoArr gave no answer."))


@callback
def async_register_intents(hass: HomeAssistant) -> None:
    for handler in (RequestIntent(), ConfirmRequestIntent(), IsDownloadingIntent()):
        intent.async_register(hass, handler)
