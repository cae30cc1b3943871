import io
import wave

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from callhire.base.models import CallAudio
from callhire.test import BaseTestCase


def wav(seconds: float, rate: int = 8000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x00\x10" * int(seconds * rate))
    return out.getvalue()


class CallAudioTestCase(BaseTestCase):
    def setUp(self):
        self.url = f"/control/postings/{self.posting.pk}/call-audio/"
        override = self.settings(CALLHIRE_CALL_AUDIO_DIR=settings.MEDIA_ROOT / "call-audio")
        override.enable()
        self.addCleanup(override.disable)

    def upload(self, data, name="turn.wav", item="call-late-parcel-en", turn=1):
        return self.client.post(
            self.url, {"item_id": item, "turn": turn, "file": SimpleUploadedFile(name, data, "audio/wav")}, follow=True
        )

    def test_the_page_lists_every_turn_with_the_generated_voice(self):
        self.client.force_login(self.bob)
        r = self.client.get(self.url)
        self.assertContains(r, "A parcel that has not arrived")
        self.assertContains(r, "Bungkusan yang belum sampai")
        self.assertContains(r, "Generated voice.")
        r = self.client.get(self.url + "call-late-parcel-en/2.wav")
        self.assertEqual(b"".join(r.streaming_content)[:4], b"RIFF")

    def test_an_employer_uploads_its_own_recording_and_candidates_hear_it(self):
        self.client.force_login(self.bob)
        r = self.upload(wav(3))
        self.assertContains(r, "candidates now hear your recording")
        audio = CallAudio.objects.get()
        self.assertEqual((audio.employer, audio.turn, round(audio.duration)), (self.acme, 1, 3))
        r = self.client.get(self.url + "call-late-parcel-en/1.wav")
        self.assertEqual(b"".join(r.streaming_content), wav(3))
        self.upload(wav(2))  # a new one replaces the old
        self.assertEqual(round(CallAudio.objects.get().duration), 2)
        with self.captureOnCommitCallbacks(execute=True):
            r = self.client.post(self.url, {"item_id": "call-late-parcel-en", "turn": 1, "remove": "1"}, follow=True)
        self.assertContains(r, "hear the generated voice again")
        self.assertFalse(CallAudio.objects.exists())

    def test_it_refuses_a_file_that_is_not_a_wav(self):
        self.client.force_login(self.bob)
        r = self.upload(b"ID3\x03 an mp3 file", name="turn.mp3")
        self.assertContains(r, "This is not a WAV file we can play")
        self.assertFalse(CallAudio.objects.exists())

    def test_it_refuses_a_recording_that_is_too_long_or_too_short(self):
        self.client.force_login(self.bob)
        self.assertContains(self.upload(wav(61)), "it must be 1 to 60 seconds")
        self.assertContains(self.upload(wav(0.2)), "it must be 1 to 60 seconds")
        self.assertFalse(CallAudio.objects.exists())

    def test_it_refuses_an_unknown_turn(self):
        self.client.force_login(self.bob)
        self.assertEqual(self.upload(wav(3), turn=9).status_code, 404)

    def test_charlie_gets_404(self):
        self.client.force_login(self.charlie)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.upload(wav(3)).status_code, 404)
        self.assertEqual(self.client.get(self.url + "call-late-parcel-en/1.wav").status_code, 404)
        self.assertFalse(CallAudio.objects.exists())

    def test_the_command_makes_every_turn(self):
        out = io.StringIO()
        call_command("make_call_audio", stdout=out)
        self.assertIn("14 customer turns", out.getvalue())
        self.assertTrue((settings.CALLHIRE_CALL_AUDIO_DIR / "call-double-charge-ms-3.wav").exists())
