"""A very small client for AutoArr's HTTP API, used by the config flow and at setup."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import aiohttp

from .const import AUTH_CHECK_PATH, HEALTH_PATH, REQUEST_TIMEOUT


class AutoArrError(Exception):
    """Base error; the config flow maps each subclass to a message in translations/en.json."""


class CannotConnect(AutoArrError):
    """AutoArr did not answer at the URL (or answered something that is not AutoArr)."""


class InvalidAuth(AutoArrError):
    """AutoArr answered, but refused the token."""


@dataclass
class AutoArrInfo:
    """What /api/health tells about the server."""

    version: str
    status: str


class AutoArrApi:
    """Talks to one AutoArr server."""

    def __init__(self, session: aiohttp.ClientSession, url: str, token: str) -> None:
        self._session = session
        self.url = url.rstrip("/")
        self._token = token

    async def _get(self, path: str, auth: bool) -> tuple[int, Any]:
        headers = {"Accept": "application/json"}
        if auth:
            headers["Authorization"] = f"Bearer {self._token}"
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT):
                async with self._session.get(f"{self.url}{path}", headers=headers) as resp:
                    if resp.status in (401, 403):
                        return resp.status, None
                    if resp.content_type != "application/json":
                        raise CannotConnect
                    return resp.status, await resp.json()
        except (aiohttp.ClientError, TimeoutError) as err:
            raise CannotConnect from err

    async def health(self) -> AutoArrInfo:
        """The server's version and overall status; raises CannotConnect when it is not AutoArr."""
        status, body = await self._get(HEALTH_PATH, auth=False)
        if status != 200 or not isinstance(body, dict) or "version" not in body:
            raise CannotConnect
        return AutoArrInfo(version=str(body["version"]), status=str(body.get("status", "unknown")))

    async def check_token(self) -> None:
        """Raises InvalidAuth when the token is refused."""
        status, _ = await self._get(AUTH_CHECK_PATH, auth=True)
        if status in (401, 403):
            raise InvalidAuth
        if status >= 400:
            raise CannotConnect

    async def validate(self) -> AutoArrInfo:
        """Reachable, really AutoArr, and the token works."""
        info = await self.health()
        await self.check_token()
        return info
