import json
from unittest import mock

from django.core.cache import cache
from django.test import Client

from callhire.base import speaking
from callhire.base.models import Application, Attempt, Invitation, Recording
from callhire.test import BaseTestCase, application_data

WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 100
CLEAR = {"duration": 6.0, "peak": 0.6, "rms_db": -20.0, "silent": False, "clipped": False, "problem": ""}
CLIPPED = CLEAR | {"peak": 1.0, "clipped": True, "problem": "clipped"}
SCORED = {"transcript": "hello", "words": [], "errors": [], "clarity": 75, "fluency": 75, "overall": 75}


class VoicePagesTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()
        self.posting.assessment_config = {"sections": ["voice", "sample_call"]}
        self.posting.save()
        self.client.post(f"/en/jobs/acme/{self.posting.pk}-x/apply/", application_data())
        self.app = Application.objects.get()
        self.invitation = Invitation.objects.get()
        self.base = f"/en/assess/{self.invitation.token}/"

    def start(self, section="voice"):
        self.client.post(self.base + f"{section}/start/")
        attempt = Attempt.objects.get(application=self.app, section=section)
        return attempt, speaking.steps_of(section, attempt.item_ids)

    def rec_url(self, section, step, tail):
        return f"{self.base}{section}/rec/{step.item_id}/{step.turn}/{tail}"

    def send(self, section, step, index, data=WEBM):
        return self.client.post(self.rec_url(section, step, f"{index}/"), data, content_type="audio/webm")

    def finish(self, section, step, chunks):
        return self.client.post(
            self.rec_url(section, step, "finish/"), json.dumps({"chunks": chunks}), content_type="application/json"
        )

    def test_the_intro_has_a_microphone_check_and_says_accent_is_not_scored(self):
        r = self.client.get(self.base + "voice/")
        self.assertContains(r, "Check your microphone")
        self.assertContains(r, 'id="mic-level"')
        self.assertContains(r, "Your accent is not scored")
        self.assertContains(r, "Good morning, thank you for calling.")  # the English practice script
        self.assertContains(r, "This section is in English")
        self.assertNotContains(r, "because our speech scoring can only assess")

    def test_a_malay_reader_is_told_the_voice_test_is_in_english_and_why(self):
        r = self.client.get("/ms/assess/" + self.invitation.token + "/voice/")
        self.assertContains(r, "Good morning, thank you for calling.")  # the practice script it can score
        self.assertNotContains(r, "Selamat pagi")
        note = r.content.decode().split('class="notice voice-language">')[1].split("</p>")[0]
        self.assertIn("Inggeris", note)  # "English" in Malay: the language is named in the reader's language
        self.assertIn("Melayu", note)  # and says it is not the reader's own
        self.client.post(f"/ms/assess/{self.invitation.token}/voice/start/")
        attempt = Attempt.objects.get(application=self.app, section="voice")
        self.assertEqual({s.lang for s in speaking.steps_of("voice", attempt.item_ids)}, {"en"})
        r = self.client.get(f"/ms/assess/{self.invitation.token}/voice/take/")
        self.assertContains(r, 'class="notice voice-language"')
        self.assertContains(r, 'lang="en"')

    @mock.patch("callhire.speech.scoring_languages", return_value=("en", "ms"))
    def test_a_malay_reader_gets_malay_scripts_from_a_backend_that_scores_malay(self, _languages):
        r = self.client.get("/ms/assess/" + self.invitation.token + "/voice/")
        self.assertContains(r, "Selamat pagi")
        self.client.post(f"/ms/assess/{self.invitation.token}/sample_call/start/")
        attempt = Attempt.objects.get(application=self.app, section="sample_call")
        self.assertEqual({s.lang for s in speaking.steps_of("sample_call", attempt.item_ids)}, {"ms"})
        r = self.client.get(f"/ms/assess/{self.invitation.token}/sample_call/take/")
        note = r.content.decode().split('class="notice voice-language">')[1].split("</p>")[0]
        self.assertIn("Melayu", note)

    def test_the_recording_page_shows_the_scripts_and_the_calls_turns(self):
        attempt, steps = self.start("voice")
        r = self.client.get(self.base + "voice/take/")
        for step in steps:
            self.assertContains(r, step.text)
        self.assertContains(r, "Your accent is not scored")
        self.assertContains(r, "speaking.js")
        attempt, steps = self.start("sample_call")
        r = self.client.get(self.base + "sample_call/take/")
        self.assertContains(r, steps[0].title)
        self.assertContains(r, 'class="customer"', count=len(steps))
        for step in steps:
            self.assertNotIn(step.rubric, r.content.decode())  # what a good answer says stays with the recruiter

    @mock.patch("callhire.speech.score_recording", return_value=SCORED)
    @mock.patch("callhire.speech.check_audio", return_value=CLEAR)
    def test_a_recording_uploads_in_chunks_and_is_scored(self, check, score):
        attempt, steps = self.start()
        self.assertEqual(self.send("voice", steps[0], 0).json()["received"], 1)
        self.assertEqual(self.send("voice", steps[0], 0).json()["received"], 1)  # a repeat is harmless
        r = self.send("voice", steps[0], 2)
        self.assertEqual((r.status_code, r.json()["expected"]), (409, 1))
        self.send("voice", steps[0], 1, b"rest")
        with self.captureOnCommitCallbacks(execute=True):
            r = self.finish("voice", steps[0], 2)
        self.assertEqual(r.json()["state"], "pending")
        recording = Recording.objects.get()
        self.assertEqual((recording.state, recording.overall), ("scored", 75))
        r = self.client.get(self.base + "voice/take/")
        self.assertContains(r, "Saved.")

    @mock.patch("callhire.speech.check_audio", return_value=CLIPPED)
    def test_a_clipped_recording_offers_a_retry(self, check):
        attempt, steps = self.start()
        self.send("voice", steps[0], 0)
        r = self.finish("voice", steps[0], 1)
        self.assertEqual((r.json()["state"], r.json()["problem"]), ("retry", "clipped"))
        self.assertContains(self.client.get(self.base + "voice/take/"), "too loud")
        r = self.client.post(self.rec_url("voice", steps[0], "restart/"))
        self.assertEqual((r.json()["state"], r.json()["takes"]), ("uploading", 2))

    def test_bad_uploads_get_a_clear_answer(self):
        attempt, steps = self.start()
        r = self.send("voice", steps[0], 0, b"GIF89a")
        self.assertEqual(r.status_code, 415)
        r = self.send("voice", steps[0], 0, b"\x1a\x45\xdf\xa3" + b"x" * speaking.MAX_CHUNK_BYTES)
        self.assertEqual(r.status_code, 413)
        r = self.client.post(self.rec_url("voice", steps[0], "finish/"), "nope", content_type="application/json")
        self.assertEqual(r.status_code, 400)
        r = self.client.post(f"{self.base}voice/rec/not-an-item/0/0/", WEBM, content_type="audio/webm")
        self.assertEqual(r.status_code, 404)
        self.assertEqual(self.client.get(self.rec_url("voice", steps[0], "0/")).status_code, 405)

    def test_another_browser_cannot_upload(self):
        attempt, steps = self.start()
        other = Client()
        r = other.post(self.rec_url("voice", steps[0], "0/"), WEBM, content_type="audio/webm")
        self.assertEqual(r.status_code, 403)
        self.assertFalse(Recording.objects.exists())

    def test_uploads_before_the_start_are_refused(self):
        step = speaking.steps_of("voice", ["read-billing-apology-en"])[0]
        r = self.send("voice", step, 0)
        self.assertEqual(r.status_code, 409)

    def test_the_customers_voice_plays_in_the_sample_call(self):
        attempt, steps = self.start("sample_call")
        with self.settings(CALLHIRE_CALL_AUDIO_DIR=self.settings_media() + "/call-audio"):
            r = self.client.get(
                self.rec_url("sample_call", steps[0], "").rstrip("/").replace("/rec/", "/customer/") + ".wav"
            )
        self.assertEqual(r["Content-Type"], "audio/wav")
        self.assertEqual(b"".join(r.streaming_content)[:4], b"RIFF")

    def settings_media(self):
        from django.conf import settings

        return str(settings.MEDIA_ROOT)

    def test_finishing_the_section_shows_the_done_page(self):
        self.start()
        r = self.client.post(self.base + "voice/save/", json.dumps({"finish": True}), content_type="application/json")
        self.assertTrue(r.json()["finished"])
        self.assertContains(self.client.get(self.base + "voice/done/"), "Voice test")
