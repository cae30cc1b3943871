from unittest import mock

from django.core.cache import cache

from callhire.base import assessing, speaking
from callhire.base.models import Application, Recording
from callhire.test import BaseTestCase, application_data

WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 100
CLEAR = {"duration": 4.0, "peak": 0.6, "rms_db": -20.0, "silent": False, "clipped": False, "problem": ""}


def result(overall):
    return {
        "transcript": "Thank you for calling",
        "words": [
            {"word": " Thank", "start": 0.2, "end": 0.5, "probability": 0.95},
            {"word": " you", "start": 0.5, "end": 0.7, "probability": 0.3},
            {"word": " for", "start": 0.7, "end": 0.9, "probability": 0.9},
            {"word": " colin", "start": 0.9, "end": 1.4, "probability": 0.8},
        ],
        "wer": 0.25,
        "errors": [{"op": "changed", "expected": "calling", "heard": "colin", "position": 3}],
        "wpm": 140,
        "pause_ratio": 0.12,
        "longest_pause": 0.6,
        "confidence": 0.74,
        "clarity": overall,
        "fluency": overall,
        "overall": overall,
        "explanations": {"fluency": "A steady pace with short pauses."},
    }


class RecordingPagesTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()
        self.client.post(f"/en/jobs/acme/{self.posting.pk}-x/apply/", application_data())
        self.app = Application.objects.get()
        attempt = assessing.attempt_start(self.app.invitations.get(), "voice", "en")
        with (
            mock.patch("callhire.speech.check_audio", return_value=CLEAR),
            mock.patch("callhire.speech.score_recording", return_value=result(50)),
            self.captureOnCommitCallbacks(execute=True),
        ):
            for step in speaking.steps_of("voice", attempt.item_ids):
                speaking.chunk_store(attempt, step.item_id, 0, 0, WEBM)
                speaking.recording_finish(Recording.objects.get(item_id=step.item_id), 1)
        with self.captureOnCommitCallbacks(execute=True):
            assessing.attempt_save(attempt, {"finish": True})
        self.recording = Recording.objects.first()
        self.page = f"/control/applications/{self.app.pk}/"

    def test_the_application_page_plays_the_recordings_with_transcript_and_metrics(self):
        self.client.force_login(self.bob)
        r = self.client.get(self.page)
        self.assertContains(r, f"/control/recordings/{self.recording.pk}/audio/")
        self.assertContains(r, 'class="word changed" data-start="0.90" data-end="1.40">colin</span>')
        self.assertContains(r, 'class="word unsure"')
        self.assertContains(r, "Word error rate: 25 %")
        self.assertContains(r, "A steady pace with short pauses.")
        self.assertContains(r, "Accent as such is never scored.")
        self.assertContains(r, "Overall speaking score 50 out of 100")
        self.assertContains(r, "speaking-review.js")

    def test_the_audio_is_served_only_to_the_employers_recruiters(self):
        self.client.force_login(self.alice)
        r = self.client.get(f"/control/recordings/{self.recording.pk}/audio/")
        self.assertEqual(r["Content-Type"], "audio/webm")
        self.assertEqual(b"".join(r.streaming_content), WEBM)
        self.client.force_login(self.charlie)
        self.assertEqual(self.client.get(f"/control/recordings/{self.recording.pk}/audio/").status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(f"/control/recordings/{self.recording.pk}/audio/").status_code, 302)

    def test_the_player_can_ask_for_part_of_the_audio(self):
        self.client.force_login(self.alice)
        url = f"/control/recordings/{self.recording.pk}/audio/"
        whole = self.client.get(url)
        self.assertEqual(whole["Accept-Ranges"], "bytes")
        r = self.client.get(url, headers={"Range": "bytes=2-5"})
        self.assertEqual(r.status_code, 206)
        self.assertEqual(r["Content-Range"], f"bytes 2-5/{len(WEBM)}")
        self.assertEqual(b"".join(r.streaming_content), WEBM[2:6])
        r = self.client.get(url, headers={"Range": "bytes=-3"})  # the last three bytes
        self.assertEqual(b"".join(r.streaming_content), WEBM[-3:])
        r = self.client.get(url, headers={"Range": "bytes=4-"})
        self.assertEqual(b"".join(r.streaming_content), WEBM[4:])
        r = self.client.get(url, headers={"Range": f"bytes={len(WEBM)}-"})
        self.assertEqual((r.status_code, r["Content-Range"]), (416, f"bytes */{len(WEBM)}"))
        r = self.client.get(url, headers={"Range": "bytes=1-2,4-5"})  # several ranges: the whole file
        self.assertEqual((r.status_code, b"".join(r.streaming_content)), (200, WEBM))

    def test_the_recruiters_rating_overrides_and_screens_again(self):
        self.client.force_login(self.bob)
        for recording in Recording.objects.all():
            r = self.client.post(f"/control/recordings/{recording.pk}/review/", {"score": "90"})
            self.assertRedirects(r, self.page, fetch_redirect_response=False)
        self.app.refresh_from_db()
        self.assertEqual(self.app.facts["speaking_score"], 90)
        finding = next(f for f in self.app.findings if f["key"] == "speaking_score")
        self.assertEqual(finding["status"], "met")
        self.assertIn("90", finding["reason_en"])
        self.assertContains(self.client.get(self.page), "your rating 90")

    def test_a_rating_out_of_range_is_refused(self):
        self.client.force_login(self.bob)
        r = self.client.post(f"/control/recordings/{self.recording.pk}/review/", {"score": "101"}, follow=True)
        self.assertContains(r, "Give a whole number from 0 to 100")
        self.recording.refresh_from_db()
        self.assertIsNone(self.recording.reviewed_score)

    def test_charlie_cannot_rate_another_employers_recording(self):
        self.client.force_login(self.charlie)
        r = self.client.post(f"/control/recordings/{self.recording.pk}/review/", {"score": "100"})
        self.assertEqual(r.status_code, 404)
        self.assertEqual(self.client.get(self.page).status_code, 404)
        self.recording.refresh_from_db()
        self.assertIsNone(self.recording.reviewed_score)
