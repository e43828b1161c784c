"""The site's province profile, read from its setting: every service that applies a rule the
provinces differ on asks here (kept apart from app.services.site so that reading the profile
needs nothing of opening or creating a site)."""

from __future__ import annotations

from app.core import profiles
from app.store import models

PROFILE_SETTING = "profile"


def site_profile(session) -> profiles.Profile:
    """The site's province profile; a site made before profiles existed follows the national default."""
    row = session.get(models.Setting, PROFILE_SETTING)
    return profiles.get(row.value.get("key") if row else None)
