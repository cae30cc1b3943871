"""Fuzz the API from its own OpenAPI schema: no request schemathesis makes up may get a 5xx or break the schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from callhire.api.tests.base import make_application
from callhire.base import services
from callhire.base.models import ApiToken, Employer, Membership, Posting
from callhire.test import demo_document


@pytest.fixture
def world(db, settings, django_user_model):
    settings.CALLHIRE_API_RATE = "1000000/min"
    cache.clear()
    acme = Employer.objects.create(name="Acme", slug="acme")
    other = Employer.objects.create(name="Other", slug="other")
    alice = django_user_model.objects.create_user("alice@acme.test", "alice@acme.test", "x")
    Membership.objects.create(user=alice, employer=acme, role="admin")
    posting = Posting.objects.create(employer=acme, title="Inbound agent", status="draft")
    services.profile_save(posting, demo_document("inbound-office.yaml"))
    draft = Posting.objects.create(employer=acme, title="Draft")
    theirs = Posting.objects.create(employer=other, title="Theirs")
    apps = [make_application(posting, f"Cand {i}", f"c{i}@example.com", verdict="qualified", score=i) for i in range(3)]
    their_app = make_application(theirs, "Zed", "zed@example.com")
    _token, secret = ApiToken.issue(acme, "fuzz", user=alice, can_write=True)
    return {
        "secret": secret,
        "postings": [posting.pk, draft.pk, theirs.pk],
        "applications": [a.pk for a in apps] + [their_app.pk],
    }


@pytest.fixture
def keep_connection():
    # Called straight through WSGI, Django closes the database connection after each request,
    # which ends the test's transaction on PostgreSQL; the test client avoids this the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(world, keep_connection):
    # Given as the schema's own auth, so schemathesis also checks that a missing or wrong token is refused.
    config = SchemathesisConfig.from_dict({"auth": {"openapi": {"bearerAuth": {"bearer": world["secret"]}}}})
    return schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application(), config=config)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_generated_request_gets_a_server_error(case, world):
    # Point every other id at a real row (ours or the outsider's), so the fuzzing reaches past the 404.
    given = case.path_parameters.get("id")
    if isinstance(given, int) and not isinstance(given, bool) and given % 2:
        rows = world["postings"] if case.path.startswith("/api/v1/postings/") else world["applications"]
        case.path_parameters["id"] = rows[case.path_parameters["id"] // 2 % len(rows)]
    # Schema-valid is not always acceptable: a stage the posting lacks, a blank note or opening a posting
    # without a profile are refused with a 400 by design, so only that one check is left out.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
