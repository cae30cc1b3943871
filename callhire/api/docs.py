"""The API's reference page, rendered on the server from the OpenAPI schema: no script, no CDN."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.views import SpectacularAPIView

METHODS = ("get", "post", "put", "patch", "delete")


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 document, JSON by default (YAML with ?format=yaml)."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]
    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes: list = []


@lru_cache(maxsize=1)
def api_schema() -> dict[str, Any]:
    # The schema only changes with the code, so one generation per process is enough.
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))


def _ref_name(schema: dict | None) -> str:
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array" and "$ref" in schema.get("items", {}):
        return schema["items"]["$ref"].rsplit("/", 1)[-1]
    return ""


def _type(schema: dict) -> str:
    if "$ref" in schema:
        return _ref_name(schema)
    for key in ("allOf", "oneOf", "anyOf"):
        if key in schema:
            return " | ".join(_type(part) for part in schema[key])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"array of {_type(schema.get('items', {}))}"
    if schema.get("format"):
        kind = f"{kind} ({schema['format']})"
    if schema.get("nullable"):
        kind += ", null"
    return kind


def _fields(schema: dict, components: dict) -> list[dict[str, Any]]:
    if "allOf" in schema:  # drf-spectacular wraps a referenced enum this way
        schema = schema["allOf"][0]
    if "$ref" in schema:
        schema = components.get(_ref_name(schema), {})
    required = set(schema.get("required", []))
    rows = []
    for name, field in schema.get("properties", {}).items():
        target = components.get(_ref_name(field) or _ref_name((field.get("allOf") or [{}])[0]), {})
        rows.append(
            {
                "name": name,
                "type": _type(field),
                "required": name in required,
                "read_only": field.get("readOnly", False),
                "description": field.get("description", "") or target.get("description", ""),
                "enum": field.get("enum") or target.get("enum") or [],
            }
        )
    return rows


def _operations(schema: dict) -> list[dict[str, Any]]:
    found = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = (op.get("requestBody") or {}).get("content", {}).get("application/json", {}).get("schema")
            responses = []
            for code, response in op.get("responses", {}).items():
                content = (response.get("content") or {}).get("application/json", {}).get("schema")
                responses.append(
                    {"code": code, "description": response.get("description", ""), "schema": _ref_name(content)}
                )
            found.append(
                {
                    "id": op.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": _type(p.get("schema", {})),
                            "enum": p.get("schema", {}).get("enum", []),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": _ref_name(body) or ("object" if body else ""),
                    "responses": responses,
                }
            )
    return found


def docs(request: HttpRequest) -> HttpResponse:
    schema = api_schema()
    components = schema.get("components", {}).get("schemas", {})
    context = {
        "info": schema.get("info", {}),
        "operations": _operations(schema),
        "components": [
            {
                "name": name,
                "description": c.get("description", ""),
                "fields": _fields(c, components),
                "enum": c.get("enum", []),
            }
            for name, c in sorted(components.items())
        ],
        "schema_url": reverse("api:schema"),
    }
    return render(request, "api/docs.html", context)


def index(request: HttpRequest) -> JsonResponse:
    """Answer GET /api/v1/ with where things are."""
    base = request.build_absolute_uri
    return JsonResponse(
        {
            "postings": base(reverse("api:posting-list")),
            "applications": base(reverse("api:application-list")),
            "schema": base(reverse("api:schema")),
            "docs": base(reverse("api:docs")),
        }
    )


@csrf_exempt  # an API client has no CSRF token; it should hear "no such endpoint", not "forbidden"
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    message = _("There is no such endpoint; see %(url)s.") % {"url": request.build_absolute_uri(reverse("api:docs"))}
    return JsonResponse({"detail": message}, status=404)
