"""Signing in: gateway profiles and the sign-in call (query_balance + querytimezone)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from traitel_desktop.services.session import Session

if TYPE_CHECKING:
    from traitel_desktop.services.settings import AppSettings

PROFILE_TRAITEL = "traitel"
PROFILE_SANDBOX = "sandbox"
PROFILE_CUSTOM = "custom"
PROFILES = (PROFILE_TRAITEL, PROFILE_SANDBOX, PROFILE_CUSTOM)


def traitel_gateways() -> tuple[str, str]:
    """TraiTel's own gateways (primary + alternate, HTTPS)."""
    from traitel_desktop.api import ALTERNATE_URL, PRIMARY_URL

    return str(PRIMARY_URL), str(ALTERNATE_URL)


@dataclass(frozen=True, slots=True)
class SignInRequest:
    """What the sign-in dialog collected (the password is never shown in repr)."""

    username: str
    password: str
    profile: str
    gateways: tuple[str, str]
    remember: bool = False

    def __repr__(self) -> str:
        return (
            f"SignInRequest(username={self.username!r}, password='***', "
            f"profile={self.profile!r}, gateways={self.gateways!r}, remember={self.remember})"
        )


async def sign_in(
    request: SignInRequest,
    *,
    settings: AppSettings | None = None,
    data_dir: Path | None = None,
    read_timeout: float = 30.0,
    connect_timeout: float = 5.0,
) -> Session:
    """Check the credentials (querybalance, then querytimezone) and return a ready Session.

    Raises the API layer's typed errors (``AuthenticationFailed`` for Error 002, ...).
    """
    session = Session(
        request.username,
        request.password,
        request.gateways,
        settings=settings,
        data_dir=data_dir,
        profile=request.profile,
        read_timeout=read_timeout,
        connect_timeout=connect_timeout,
    )
    try:
        balance: Decimal = await session.call(lambda c: c.query_balance())
        zone: str = await session.call(lambda c: c.query_time_zone())
    except BaseException:
        session.close()
        raise
    session.set_balance(balance)
    session.time_zone = zone
    return session
