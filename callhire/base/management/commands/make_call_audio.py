from django.core.management.base import BaseCommand

from callhire.base import speaking


class Command(BaseCommand):
    help = "Make the customer's voice of every sample call turn with espeak-ng (skips the ones already made)."

    def add_arguments(self, parser):
        parser.add_argument("--refresh", action="store_true", help="make every file again, after editing the bank")

    def handle(self, *args, **options):
        made = speaking.generated_audio_all(refresh=options["refresh"])
        self.stdout.write(f"{len(made)} customer turns in {speaking.generated_audio_dir()}")
