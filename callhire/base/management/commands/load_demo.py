from django.core.management import call_command
from django.core.management.base import BaseCommand

from callhire.base.demodata import load_demo


class Command(BaseCommand):
    help = "Load the demo employers, users, postings and applicants (safe to run again)."

    def handle(self, *args, **options):
        load_demo(self.stdout)
        call_command("make_call_audio", stdout=self.stdout)
