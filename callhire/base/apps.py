from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    name = "callhire.base"
    label = "base"
    verbose_name = _("Hiring")

    def ready(self) -> None:
        # Registers the bulk and re-screen job handlers; connects the re-screen to profile_saved.
        from callhire.base import (  # noqa: F401
            bulk,
            interviews,  # noqa: F401  (cancels the interview of a closed application)
            rescreen,
            search,  # noqa: F401  (keeps the search documents up to date)
        )
