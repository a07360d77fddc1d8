"""Fixed-window rate limits kept in the cache (per address and per account).

Counters live in the cache named by settings.SPR_RATE_LIMIT_CACHE. Keys are hashed, so
no email address or IP address is written into the cache in clear.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches


@dataclass(frozen=True)
class Limit:
    scope: str
    limit: int
    window_seconds: int

    @property
    def minutes(self) -> int:
        return max(1, -(-self.window_seconds // 60))


def limit_for(scope: str) -> Limit:
    count, seconds = settings.SPR_RATE_LIMITS[scope]
    return Limit(scope, count, seconds)


def _key(scope: str, identity: str) -> str:
    digest = hashlib.sha256(f"{scope}:{identity}".encode()).hexdigest()[:32]
    return f"rl:{scope}:{digest}"


def _cache():
    return caches[settings.SPR_RATE_LIMIT_CACHE]


def client_address(request) -> str:
    """The address the request came from. Behind the reverse proxy, the proxy (or
    gunicorn's forwarded-allow-ips) must set REMOTE_ADDR to the real client address."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(scope: str, identity: str) -> bool:
    """Count one attempt; True when this attempt is over the limit."""
    rule = limit_for(scope)
    cache, key = _cache(), _key(scope, identity)
    cache.add(key, 0, timeout=rule.window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=rule.window_seconds)
        count = 1
    return count > rule.limit


def is_over(scope: str, identity: str) -> bool:
    """Whether the limit is already used up, without counting an attempt."""
    rule = limit_for(scope)
    return (_cache().get(_key(scope, identity)) or 0) >= rule.limit


def reset(scope: str, identity: str) -> None:
    _cache().delete(_key(scope, identity))
