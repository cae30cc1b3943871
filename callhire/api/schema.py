"""The OpenAPI document: the bearer-token scheme and the error answers every operation can give."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in one sentence."},
        "errors": {"description": "For invalid input: the messages field by field (or the profile's paths)."},
    },
    "required": ["detail"],
}
ERRORS = {
    "400": "The request is not valid; `errors` says where.",
    "401": "No token, or a token that is not valid or was revoked.",
    "403": "The token may only read.",
    "404": "No such object for this token's employer (or no such page).",
    "413": "The body is larger than 1 MB.",
    "415": "The body is not JSON.",
    "429": "Too many requests for this token; wait for the number of seconds in Retry-After.",
}
WRITES = ("post", "put", "patch", "delete")


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "callhire.api.authentication.TokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "An API token an employer admin issued."}


def add_error_responses(result, generator, request, public):
    """Document the errors (as the Error object) that the views, authentication and throttling give."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":  # the URL takes up to 15 digits (see callhire.api.views.ID)
                    parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": 10**15 - 1}
            responses = operation["responses"]
            for code, description in ERRORS.items():
                if code in ("403", "413", "415") and method not in WRITES:
                    continue
                responses.setdefault(code, {"description": description})
            for code, response in responses.items():
                if code >= "400":
                    response.setdefault("content", ref)
    return result
