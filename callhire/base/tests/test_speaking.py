from __future__ import annotations

from unittest import mock

from django.core.cache import cache
from django.core.files.storage import default_storage

from callhire import speech
from callhire.base import assessing, services, speaking
from callhire.base.models import Application, Attempt, Recording
from callhire.test import BaseTestCase, application_data
from callhire.testaudio import spoken_webm

WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 200  # the start of a WebM file, as MediaRecorder sends it
CLEAR = {"duration": 6.0, "peak": 0.6, "rms_db": -20.0, "silent": False, "clipped": False, "problem": ""}
SILENT = CLEAR | {"rms_db": -80.0, "silent": True, "problem": "silent"}


def scored(overall: int) -> dict:
    return {
        "model": "test",
        "transcript": "thank you for calling",
        "words": [{"word": "thank", "start": 0.1, "end": 0.4, "probability": 0.9}],
        "wer": 0.1,
        "errors": [],
        "clarity": overall,
        "fluency": overall,
        "overall": overall,
        "explanations": {},
    }


class VoiceAttemptCase(BaseTestCase):
    """A candidate who applied and started the voice test in English."""

    def setUp(self):
        cache.clear()
        self.client.post(f"/en/jobs/acme/{self.posting.pk}-x/apply/", application_data())
        self.app = Application.objects.get()
        self.invitation = self.app.invitations.get()
        self.attempt = assessing.attempt_start(self.invitation, "voice", "en")
        self.steps = speaking.steps_of("voice", self.attempt.item_ids)

    def record(self, step, parts=(WEBM, b"more")):
        for index, data in enumerate(parts):
            recording = speaking.chunk_store(self.attempt, step.item_id, step.turn, index, data)
        return recording

    def committed(self, fn, *args, **kwargs):
        """Call fn and then what it left to run on commit (the scoring task runs inline in tests)."""
        with self.captureOnCommitCallbacks(execute=True):
            return fn(*args, **kwargs)


class SpeakingTestCase(VoiceAttemptCase):
    def test_the_profiles_speaking_requirement_brings_the_voice_test(self):
        self.assertIn("voice", self.invitation.sections)
        self.assertEqual(len(self.attempt.item_ids), speaking.READ_ITEMS)
        bank = assessing.load_bank("voice")
        self.assertTrue(all(bank.get(i).data["lang"] == "en" for i in self.attempt.item_ids))

    def test_chunks_are_stored_in_order_and_a_repeat_is_ignored(self):
        step = self.steps[0]
        speaking.chunk_store(self.attempt, step.item_id, 0, 0, WEBM)
        speaking.chunk_store(self.attempt, step.item_id, 0, 0, WEBM)  # the answer was lost: sent again
        recording = speaking.chunk_store(self.attempt, step.item_id, 0, 1, b"second")
        self.assertEqual((recording.chunks, recording.size), (2, len(WEBM) + 6))
        with self.assertRaises(speaking.RecordingError) as gap:
            speaking.chunk_store(self.attempt, step.item_id, 0, 5, b"later")
        self.assertEqual((gap.exception.status, gap.exception.extra["expected"]), (409, 2))

    def test_it_refuses_a_file_that_is_not_a_recording(self):
        with self.assertRaises(speaking.RecordingError) as refused:
            speaking.chunk_store(self.attempt, self.steps[0].item_id, 0, 0, b"%PDF-1.4 not audio")
        self.assertEqual(refused.exception.status, 415)

    def test_it_refuses_a_recording_larger_than_the_limit(self):
        step = self.steps[0]
        with self.settings(CALLHIRE_MAX_RECORDING_BYTES=300):
            speaking.chunk_store(self.attempt, step.item_id, 0, 0, WEBM)
            with self.assertRaises(speaking.RecordingError) as refused:
                speaking.chunk_store(self.attempt, step.item_id, 0, 1, b"x" * 200)
        self.assertEqual(refused.exception.status, 413)
        self.assertEqual(Recording.objects.get().chunks, 1)  # what was saved stays

    def test_it_refuses_an_item_that_is_not_in_the_attempt(self):
        with self.assertRaises(speaking.RecordingError) as refused:
            speaking.chunk_store(self.attempt, "read-practice-en", 0, 0, WEBM)
        self.assertEqual(refused.exception.status, 404)

    @mock.patch("callhire.speech.score_recording", return_value=scored(80))
    @mock.patch("callhire.speech.check_audio", return_value=CLEAR)
    def test_finishing_joins_the_chunks_checks_them_and_scores_in_the_background(self, check, score):
        step = self.steps[0]
        recording = self.committed(speaking.recording_finish, self.record(step), 2)
        self.assertEqual(recording.file.read(), WEBM + b"more")
        self.assertFalse(default_storage.exists(recording.chunk_name(0)))
        recording.refresh_from_db()
        self.assertEqual((recording.state, recording.overall), (Recording.State.SCORED, 80))
        self.assertEqual(score.call_args.kwargs["script"], step.text)
        self.assertEqual(score.call_args.kwargs["kind"], "read")

    @mock.patch("callhire.speech.check_audio", return_value=CLEAR)
    def test_a_second_finish_changes_nothing(self, check):
        with mock.patch("callhire.speech.score_recording", return_value=scored(70)):
            first = self.committed(speaking.recording_finish, self.record(self.steps[0]), 2)
            again = self.committed(speaking.recording_finish, first, 2)
        self.assertEqual(check.call_count, 1)
        self.assertEqual(again.pk, first.pk)

    @mock.patch("callhire.speech.check_audio", return_value=CLEAR)
    def test_finishing_with_chunks_missing_asks_for_them(self, check):
        recording = speaking.chunk_store(self.attempt, self.steps[0].item_id, 0, 0, WEBM)
        with self.assertRaises(speaking.RecordingError) as missing:
            self.committed(speaking.recording_finish, recording, 3)
        self.assertEqual(missing.exception.extra["expected"], 1)

    @mock.patch("callhire.speech.score_recording")
    @mock.patch("callhire.speech.check_audio", return_value=SILENT)
    def test_a_silent_recording_may_be_taken_again_up_to_the_limit(self, check, score):
        score.side_effect = speech.SpeechError("the recording is silent")
        step = self.steps[0]
        recording = self.committed(speaking.recording_finish, self.record(step), 2)
        self.assertEqual(recording.state, Recording.State.RETRY)
        for _ in range(speaking.MAX_TAKES - 1):
            recording = speaking.recording_restart(recording)
            self.assertEqual((recording.state, recording.chunks), (Recording.State.UPLOADING, 0))
            recording = self.committed(speaking.recording_finish, self.record(step), 2)
        # The last take is kept whatever it sounds like, and silence kept counts as nothing.
        recording.refresh_from_db()
        self.assertEqual((recording.takes, recording.state), (speaking.MAX_TAKES, Recording.State.FAILED))
        with self.assertRaises(speaking.RecordingError):
            speaking.recording_restart(recording)

    @mock.patch("callhire.speech.check_audio", return_value=CLEAR)
    def test_the_speaking_score_becomes_a_fact_once_every_recording_is_scored(self, check):
        with mock.patch("callhire.speech.score_recording", side_effect=[scored(90), scored(70), scored(50)]):
            for step in self.steps:
                self.committed(speaking.recording_finish, self.record(step), 2)
            self.app.refresh_from_db()
            self.assertNotIn("speaking_score", self.app.facts)  # the candidate is not done yet
            self.committed(assessing.attempt_save, self.attempt, {"finish": True})
        self.app.refresh_from_db()
        self.assertEqual(self.app.facts["speaking_score"], 70)
        self.assertEqual(self.app.fact_sources["speaking_score"], "measured")
        self.assertIn("voice", self.app.facts["assessments_completed"])
        finding = next(f for f in self.app.findings if f["key"] == "speaking_score")
        self.assertEqual(finding["status"], "met")
        attempt = Attempt.objects.get(pk=self.attempt.pk)
        self.assertEqual((attempt.score, attempt.result["scoring"]), (70, False))

    @mock.patch("callhire.speech.check_audio", return_value=CLEAR)
    def test_a_recruiters_rating_overrides_and_screens_again(self, check):
        with mock.patch("callhire.speech.score_recording", return_value=scored(40)):
            for step in self.steps:
                self.committed(speaking.recording_finish, self.record(step), 2)
            self.committed(assessing.attempt_save, self.attempt, {"finish": True})
        self.app.refresh_from_db()
        self.assertEqual(next(f for f in self.app.findings if f["key"] == "speaking_score")["status"], "not_met")
        for recording in Recording.objects.all():
            self.committed(speaking.recording_review, recording, 85, user=self.bob)
        self.app.refresh_from_db()
        self.assertEqual(self.app.facts["speaking_score"], 85)
        self.assertEqual(next(f for f in self.app.findings if f["key"] == "speaking_score")["status"], "met")
        self.committed(speaking.recording_review, Recording.objects.first(), None, user=self.bob)
        self.app.refresh_from_db()
        self.assertEqual(self.app.facts["speaking_score"], round((40 + 85 + 85) / 3))

    @mock.patch("callhire.speech.check_audio", return_value=CLEAR)
    def test_a_missing_answer_counts_as_nothing_when_the_time_ends(self, check):
        with mock.patch("callhire.speech.score_recording", return_value=scored(90)):
            self.committed(speaking.recording_finish, self.record(self.steps[0]), 2)
            self.committed(assessing.attempt_save, self.attempt, {"finish": True})
        self.app.refresh_from_db()
        self.assertEqual(self.app.facts["speaking_score"], 30)

    @mock.patch("callhire.speech.check_audio", return_value=CLEAR)
    def test_a_recording_cut_off_by_the_end_of_the_time_is_kept(self, check):
        with mock.patch("callhire.speech.score_recording", return_value=scored(60)):
            self.record(self.steps[0])  # never finished: the page was closed
            self.committed(assessing.attempt_finish, self.attempt)
        recording = Recording.objects.get()
        self.assertEqual((recording.state, recording.overall), (Recording.State.SCORED, 60))

    def test_chunks_are_refused_once_the_section_is_finished(self):
        self.committed(assessing.attempt_finish, self.attempt)
        with self.assertRaises(speaking.RecordingError) as refused:
            speaking.chunk_store(self.attempt, self.steps[0].item_id, 0, 0, WEBM)
        self.assertTrue(refused.exception.extra["finished"])

    @mock.patch("callhire.speech.score_recording", return_value=scored(80))
    @mock.patch("callhire.speech.check_audio", return_value=CLEAR)
    def test_erasing_the_application_deletes_the_audio(self, check, score):
        recording = self.committed(speaking.recording_finish, self.record(self.steps[0]), 2)
        cut = speaking.chunk_store(self.attempt, self.steps[1].item_id, 0, 0, WEBM)
        names = [recording.file.name, cut.chunk_name(0)]
        self.assertTrue(all(default_storage.exists(n) for n in names))
        with self.captureOnCommitCallbacks(execute=True):
            services.application_erase(self.app)
        self.assertFalse(any(default_storage.exists(n) for n in names))
        self.assertFalse(Recording.objects.exists())

    def test_a_sample_call_has_several_turns_with_keywords(self):
        steps = speaking.steps_of("sample_call", speaking.pick_items("sample_call", "en"))
        self.assertGreaterEqual(len(steps), 2)
        self.assertTrue(all(s.kind == "call" and s.keywords and s.lang == "en" for s in steps))

    def test_a_malay_speaker_gets_english_items_the_english_only_backend_can_score(self):
        self.assertEqual(speech.scoring_languages(), ("en",))
        for section in speaking.VOICE_SECTIONS:
            self.assertEqual(speaking.voice_language(section, "ms"), "en")
            steps = speaking.steps_of(section, speaking.pick_items(section, "ms"))
            self.assertTrue(steps)
            self.assertEqual({s.lang for s in steps}, {"en"})

    def test_a_malay_attempt_is_scored_in_english(self):
        attempt = assessing.attempt_start(self.app.invitations.get(), "sample_call", "ms")
        self.assertEqual(attempt.language, "ms")
        self.assertEqual({s.lang for s in speaking.steps_of("sample_call", attempt.item_ids)}, {"en"})

    @mock.patch("callhire.speech.scoring_languages", return_value=("en", "ms"))
    def test_a_multilingual_backend_gets_the_malay_items(self, _languages):
        for section in speaking.VOICE_SECTIONS:
            self.assertEqual(speaking.voice_language(section, "ms"), "ms")
            steps = speaking.steps_of(section, speaking.pick_items(section, "ms"))
            self.assertEqual({s.lang for s in steps}, {"ms"})
            self.assertEqual(speaking.voice_language(section, "en"), "en")

    @mock.patch("callhire.speech.scoring_languages", return_value=("ms",))
    def test_a_malay_only_backend_gets_malay_items_even_for_an_english_reader(self, _languages):
        self.assertEqual(speaking.voice_language("voice", "en"), "ms")

    def test_the_customers_voice_is_generated_once(self):
        step = speaking.steps_of("sample_call", ["call-late-parcel-en"])[0]
        with self.settings(CALLHIRE_CALL_AUDIO_DIR=default_storage.location + "/call-audio"):
            path = speaking.generated_audio(step)
            self.assertEqual(path.read_bytes()[:4], b"RIFF")
            made = path.stat().st_mtime_ns
            self.assertEqual(speaking.generated_audio(step).stat().st_mtime_ns, made)


class RealScoringTestCase(VoiceAttemptCase):
    def test_it_scores_a_script_read_aloud_with_the_speech_core(self):
        step = self.steps[0]
        audio = spoken_webm(step.text)
        parts = [audio[i : i + 16_000] for i in range(0, len(audio), 16_000)]
        recording = self.committed(speaking.recording_finish, self.record(step, parts), len(parts))
        self.assertEqual(recording.audio_check["problem"], "")
        recording.refresh_from_db()
        self.assertEqual(recording.state, Recording.State.SCORED)
        self.assertTrue(recording.result["transcript"])
        self.assertIsNotNone(recording.overall)
