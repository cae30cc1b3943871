from django.core.management.base import BaseCommand

from callhire.base.interviews import reminders_send


class Command(BaseCommand):
    help = "Send the interview reminders due (about a day ahead, once each). Run it from cron every few minutes."

    def handle(self, *args, **options) -> None:
        sent = reminders_send()
        self.stdout.write(f"{sent} interview reminder(s) sent.")
