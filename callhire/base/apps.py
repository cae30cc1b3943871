from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    name = "callhire.base"
    label = "base"
    verbose_name = _("Hiring")

    def ready(self) -> None:
        from callhire.base import (
            interviews,  # noqa: F401  (cancels the interview of a closed application)
            search,  # noqa: F401  (keeps the search documents up to date)
        )
