"""Send the webhook deliveries that are due (retries after a failure); safe to run often and in parallel."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from callhire.base.webhooks import deliver_webhooks


class Command(BaseCommand):
    help = "Send the webhook deliveries that are due and forget finished ones past the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, metavar="SECONDS", help="keep running, looking every SECONDS")

    def handle(self, *args, loop: float | None = None, **options):
        while True:
            sent, pruned = deliver_webhooks()
            if options["verbosity"] > 1 or sent or pruned:
                self.stdout.write(f"{sent} deliveries attempted, {pruned} old ones deleted")
            if loop is None:
                return
            time.sleep(loop)
