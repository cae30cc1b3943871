from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    name = "callhire.base"
    label = "base"
    verbose_name = _("Hiring")

    def ready(self) -> None:
        # Registers the bulk and re-screen job handlers; connects the re-screen to profile_saved.
        from callhire.base import bulk, rescreen  # noqa: F401
