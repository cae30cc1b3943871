"""Voice recordings in an S3-compatible bucket, against a local S3 server (moto) on 127.0.0.1."""

from __future__ import annotations

import socket
from unittest import mock

import boto3
from django.conf import settings
from django.core.files.storage import storages
from moto.server import ThreadedMotoServer

from callhire.base import services, speaking
from callhire.base.models import Recording
from callhire.base.tests.test_speaking import VoiceAttemptCase, scored
from callhire.testaudio import spoken_webm

BUCKET = "callhire-recordings"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class S3RecordingTestCase(VoiceAttemptCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        port = free_port()
        cls.server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        cls.server.start()
        cls.endpoint = f"http://127.0.0.1:{port}"
        cls.s3 = boto3.client(
            "s3",
            endpoint_url=cls.endpoint,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
        cls.s3.create_bucket(Bucket=BUCKET)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        super().tearDownClass()

    def in_bucket(self) -> list[str]:
        return [item["Key"] for item in self.s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]

    def s3_storages(self) -> dict:
        # The same options settings.py builds from CALLHIRE_STORAGE=s3 and the S3_* variables.
        return {
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "endpoint_url": self.endpoint,
                    "region_name": "us-east-1",
                    "access_key": "test",
                    "secret_key": "test",
                    "default_acl": "private",
                    "file_overwrite": False,
                },
            },
            "staticfiles": settings.STORAGES["staticfiles"],
        }

    @mock.patch("callhire.speech.score_recording", return_value=scored(75))
    def test_a_recording_lives_in_the_bucket_is_checked_from_it_and_goes_with_the_candidates_data(self, score):
        step = self.steps[0]
        audio = spoken_webm("Thank you for calling, how can I help you today?")
        parts = [audio[i : i + 16_000] for i in range(0, len(audio), 16_000)]
        with self.settings(STORAGES=self.s3_storages()):
            self.assertEqual(type(storages["default"]).__name__, "S3Storage")
            recording = self.record(step, parts)
            self.assertEqual(len(self.in_bucket()), len(parts))  # each chunk, as it arrives
            recording = self.committed(speaking.recording_finish, recording, len(parts))
            # The audio check read the joined file back from the bucket (S3 has no local path).
            self.assertEqual(recording.audio_check["problem"], "")
            self.assertGreater(recording.audio_check["duration"], 1.0)
            self.assertEqual(self.in_bucket(), [recording.file.name])
            recording.refresh_from_db()
            self.assertEqual((recording.state, recording.overall), (Recording.State.SCORED, 75))
            with self.captureOnCommitCallbacks(execute=True):
                services.application_erase(self.app)
            self.assertEqual(self.in_bucket(), [])
