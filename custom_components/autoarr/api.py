"""A small client for AutoArr's REST API: the config flow, the services, diagnostics, repairs and Assist use it.

The token is sent in the Authorization header only; it never appears in a URL, a log line or an error message.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
import json
from typing import Any

import aiohttp

from .const import AUTH_CHECK_PATH, EVENTS_PATH, HEALTH_PATH, REQUEST_TIMEOUT


class AutoArrError(Exception):
    """Base error; the config flow maps each subclass to a message in translations/en.json."""


class CannotConnect(AutoArrError):
    """AutoArr did not answer at the URL."""


class NotAutoArr(AutoArrError):
    """Something answered at the URL, but it is not AutoArr."""


class InvalidAuth(AutoArrError):
    """AutoArr answered, but refused the token."""


class RequestRefused(AutoArrError):
    """AutoArr answered an action with an error; `message` is AutoArr's own text, written for people."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass
class AutoArrInfo:
    """What /api/health tells about the server."""

    version: str
    status: str


def _looks_like_health(body: Any) -> bool:
    return isinstance(body, dict) and isinstance(body.get("version"), str) and isinstance(body.get("apps"), dict)


class AutoArrApi:
    """Talks to one AutoArr server."""

    def __init__(self, session: aiohttp.ClientSession, url: str, token: str) -> None:
        self._session = session
        self.url = url.rstrip("/")
        self._token = token

    def _headers(self, auth: bool = True) -> dict[str, str]:
        # AutoArr's activity log names who asked.
        headers = {"Accept": "application/json", "X-AutoArr-Client": "home_assistant"}
        if auth:
            headers["Authorization"] = f"Bearer {self._token}"
        return headers

    async def request(
        self,
        method: str,
        path: str,
        *,
        body: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        auth: bool = True,
    ) -> Any:
        """One call; raises CannotConnect, NotAutoArr, InvalidAuth or RequestRefused."""
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT):
                async with self._session.request(
                    method,
                    f"{self.url}{path}",
                    headers=self._headers(auth),
                    params=params,
                    json=body if body is not None else ({} if method == "POST" else None),
                    allow_redirects=False,
                ) as resp:
                    if resp.status == 401:
                        raise InvalidAuth
                    if resp.content_type != "application/json":
                        if resp.status >= 500:
                            raise CannotConnect
                        raise NotAutoArr
                    data = await resp.json()
                    if resp.status >= 400:
                        if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                            raise NotAutoArr
                        raise RequestRefused(resp.status, str(data.get("code", "error")), data["message"])
                    return data
        except (aiohttp.ClientError, TimeoutError, json.JSONDecodeError) as err:
            raise CannotConnect from err

    async def health(self) -> dict[str, Any]:
        """The open health document; raises NotAutoArr when the answer is not AutoArr's."""
        try:
            body = await self.request("GET", HEALTH_PATH, auth=False)
        except (InvalidAuth, RequestRefused) as err:
            raise NotAutoArr from err
        if not _looks_like_health(body):
            raise NotAutoArr
        return body

    async def validate(self) -> AutoArrInfo:
        """Reachable, really AutoArr, and the token works."""
        body = await self.health()
        try:
            await self.request("GET", AUTH_CHECK_PATH)
        except RequestRefused as err:
            raise CannotConnect from err
        return AutoArrInfo(version=str(body["version"]), status=str(body.get("status", "unknown")))

    async def settings(self) -> dict[str, Any]:
        return await self.request("GET", AUTH_CHECK_PATH)

    async def downloads(self, states: list[str] | None = None) -> list[dict[str, Any]]:
        params = {"state": ",".join(states)} if states else None
        body = await self.request("GET", "/api/downloads", params=params)
        items = body.get("items", []) if isinstance(body, dict) else []
        return [d for d in items if isinstance(d, dict)]

    async def audit(self) -> dict[str, Any] | None:
        body = await self.request("GET", "/api/audit")
        return body if isinstance(body, dict) else None

    async def events(self, names: list[str]) -> AsyncIterator[tuple[str, Any]]:
        """AutoArr's live event stream (Server-Sent Events); ends when the connection does."""
        try:
            async with self._session.get(
                f"{self.url}{EVENTS_PATH}",
                headers={**self._headers(), "Accept": "text/event-stream"},
                params={"only": ",".join(names)},
                timeout=aiohttp.ClientTimeout(total=None, connect=REQUEST_TIMEOUT, sock_read=60),
            ) as resp:
                if resp.status == 401:
                    raise InvalidAuth
                if resp.status != 200 or resp.content_type != "text/event-stream":
                    raise NotAutoArr
                event, data = "message", ""
                async for raw in resp.content:
                    line = raw.decode("utf-8", "replace").rstrip("\r\n")
                    if not line:
                        if data:
                            try:
                                yield event, json.loads(data)
                            except json.JSONDecodeError:
                                pass
                        event, data = "message", ""
                    elif line.startswith("event:"):
                        event = line[6:].strip()
                    elif line.startswith("data:"):
                        data += line[5:].strip()
        except (aiohttp.ClientError, TimeoutError) as err:
            raise CannotConnect from err
