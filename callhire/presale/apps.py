from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PresaleConfig(AppConfig):
    name = "callhire.presale"
    label = "presale"
    verbose_name = _("Job board")

    def ready(self) -> None:
        from callhire.presale import cache  # noqa: F401  (connects the invalidation receivers)
