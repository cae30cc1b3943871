from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "callhire.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self) -> None:
        from callhire.api import schema  # noqa: F401  (the token's OpenAPI security scheme)
        from callhire.base import webhooks  # noqa: F401  (connects the receivers that queue deliveries)
