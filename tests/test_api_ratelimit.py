"""Rate limits of the mutations: fixed windows in the cache, per device and per client address."""

from __future__ import annotations

import os
import time
import uuid
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from backend.api import ratelimit
from backend.api.ratelimit import Rate, client_ip, hit, limits_for, parse_rate
from backend.devices.models import Device, Favourite
from backend.feedback.models import Feedback

pytestmark = pytest.mark.django_db

REGISTER = "mutation { registerDevice { token errors { field code message } } }"
ADD = "mutation($id: ID!) { addFavourite(hobbyId: $id) { favourited errors { field code message } } }"
FEEDBACK = "mutation($input: FeedbackInput!) { submitFeedback(input: $input) { ok errors { field code message } } }"
UPDATE = "mutation($input: DeviceInput!) { updateDevice(input: $input) { errors { field code } } }"


def call(client, query, variables=None, token=None, ip="203.0.113.5", **extra):
    if token:
        extra["HTTP_AUTHORIZATION"] = f"Device {token}"
    response = client.post(
        "/graphql",
        {"query": query, "variables": variables or {}},
        content_type="application/json",
        REMOTE_ADDR=ip,
        **extra,
    )
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    return next(iter(data.values()))


def codes(payload):
    return [(error["field"], error["code"]) for error in payload["errors"]]


@pytest.fixture
def limits(settings):
    def configure(**entries):
        settings.API_RATE_LIMITS = entries

    return configure


def test_registration_is_limited_per_address(client, limits):
    limits(default={}, registerDevice={"ip": "3/hour"})
    for _attempt in range(3):
        assert call(client, REGISTER)["errors"] == []
    refused = call(client, REGISTER, HTTP_ACCEPT_LANGUAGE="en")  # messages come in the request's language
    assert codes(refused) == [(None, "RATE_LIMITED")] and refused["token"] is None
    assert "Too many requests" in refused["errors"][0]["message"]
    assert Device.objects.count() == 3
    # another address has its own budget
    assert call(client, REGISTER, ip="198.51.100.7")["errors"] == []
    assert Device.objects.count() == 4


def test_mutations_are_limited_per_device(client, limits, hobby):
    limits(default={"device": "2/minute"})
    _first, token = Device.register()
    _second, other_token = Device.register()
    assert call(client, ADD, {"id": str(hobby.pk)}, token=token)["errors"] == []
    assert call(client, UPDATE, {"input": {"language": "EN"}}, token=token)["errors"] == []
    refused = call(client, ADD, {"id": str(hobby.pk)}, token=token)
    assert codes(refused) == [(None, "RATE_LIMITED")]
    refused = call(client, UPDATE, {"input": {"language": "SV"}}, token=token)
    assert codes(refused) == [(None, "RATE_LIMITED")]
    assert Device.objects.get(pk=_first.pk).language == "en"  # nothing changed by the refused call
    # The same address, another device: its own budget.
    assert call(client, ADD, {"id": str(hobby.pk)}, token=other_token)["errors"] == []
    assert Favourite.objects.count() == 2


def test_mutations_are_limited_per_address_whatever_the_device(client, limits, hobby):
    limits(default={"device": "100/minute", "ip": "3/minute"})
    tokens = [Device.register()[1] for _ in range(4)]
    results = [call(client, ADD, {"id": str(hobby.pk)}, token=token) for token in tokens]
    assert [codes(r) for r in results] == [[], [], [], [(None, "RATE_LIMITED")]]
    assert Favourite.objects.count() == 3
    # Anonymous mutations count against the address too.
    assert codes(call(client, FEEDBACK, {"input": {"rating": 5}})) == [(None, "RATE_LIMITED")]
    assert call(client, FEEDBACK, {"input": {"rating": 5}}, ip="192.0.2.1")["ok"] is True
    assert Feedback.objects.count() == 1


def test_an_action_with_its_own_limit_has_its_own_counter(client, limits):
    limits(default={"ip": "2/minute"}, submitFeedback={"ip": "1/minute"})
    assert call(client, FEEDBACK, {"input": {"rating": 4}})["ok"] is True
    assert codes(call(client, FEEDBACK, {"input": {"rating": 4}})) == [(None, "RATE_LIMITED")]
    # the default budget was not used by feedback
    assert call(client, REGISTER)["errors"] == []
    assert call(client, REGISTER)["errors"] == []
    assert codes(call(client, REGISTER)) == [(None, "RATE_LIMITED")]


def test_the_window_resets(limits):
    rate = Rate(2, 60)
    assert hit("default", "ip", "1.2.3.4", rate, now=120.0)[0] is True
    assert hit("default", "ip", "1.2.3.4", rate, now=130.0)[0] is True
    allowed, retry_after = hit("default", "ip", "1.2.3.4", rate, now=150.0)
    assert allowed is False and retry_after == 30
    assert hit("default", "ip", "1.2.3.4", rate, now=180.0)[0] is True  # next window


def test_forwarded_for_is_ignored_unless_proxies_are_trusted(settings):
    factory = RequestFactory()
    request = factory.post("/graphql", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")
    settings.API_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.API_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # the client cannot spoof it by prepending 1.1.1.1
    settings.API_TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "1.1.1.1"
    settings.API_TRUSTED_PROXY_COUNT = 5
    assert client_ip(request) == "1.1.1.1"
    garbage = factory.post("/graphql", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_ip(garbage) == "unknown"


def test_ipv6_clients_are_counted_per_64_prefix():
    factory = RequestFactory()
    first = factory.post("/graphql", REMOTE_ADDR="2001:db8:1:2::1")
    second = factory.post("/graphql", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert client_ip(first) == client_ip(second) == "2001:db8:1:2::/64"
    assert client_ip(factory.post("/graphql", REMOTE_ADDR="::ffff:192.0.2.4")) == "192.0.2.4"


def test_limits_through_forwarded_for(client, limits, settings):
    limits(registerDevice={"ip": "1/hour"})
    settings.API_TRUSTED_PROXY_COUNT = 1
    assert call(client, REGISTER, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.1")["errors"] == []
    assert call(client, REGISTER, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.2")["errors"] == []
    refused = call(client, REGISTER, ip="10.0.0.3", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.1")
    assert codes(refused) == [(None, "RATE_LIMITED")]


def test_rates_are_parsed_and_merged(settings):
    assert parse_rate("120/minute") == Rate(120, 60)
    assert parse_rate("") is None and parse_rate(None) is None
    for bad in ("ten/minute", "5/fortnight", "0/hour", "5"):
        with pytest.raises(ImproperlyConfigured):
            parse_rate(bad)
    settings.API_RATE_LIMITS = {"default": {"device": "5/second", "ip": "9/day"}, "redeemBenefit": {"device": "1/hour"}}
    assert limits_for("redeemBenefit") == {
        "ip": ("default", Rate(9, 86400)),
        "device": ("redeemBenefit", Rate(1, 3600)),
    }
    assert limits_for("addFavourite") == {"ip": ("default", Rate(9, 86400)), "device": ("default", Rate(5, 1))}


def test_default_settings_have_limits():
    assert limits_for("registerDevice")["ip"][1].seconds == 3600
    assert set(limits_for("updateDevice")) == {"ip", "device"}


def test_a_broken_cache_lets_requests_through(client, limits):
    limits(registerDevice={"ip": "1/hour"})
    with mock.patch.object(ratelimit.cache, "add", side_effect=ConnectionError("redis is down")):
        assert call(client, REGISTER)["errors"] == []
        assert call(client, REGISTER)["errors"] == []
    assert Device.objects.count() == 2


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI's PostgreSQL + Redis pass)")
def test_counters_work_on_redis():
    """Production counts in Redis (tests otherwise use locmem): add + incr must behave the same there."""
    from django.core.cache.backends.redis import RedisCache

    redis_cache = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    rate = Rate(2, 3600)
    with mock.patch.object(ratelimit, "cache", redis_cache):
        results = [hit("t", "ip", "192.0.2.200", rate)[0] for _ in range(3)]
        key = ratelimit._key("t", "ip", "192.0.2.200", int(time.time() // 3600))
        assert redis_cache.get(key) == 3
        redis_cache.delete(key)
    assert results == [True, True, False]
