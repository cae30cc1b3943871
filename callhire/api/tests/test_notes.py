from callhire.api.tests.base import ApiTestCase


class NotesTestCase(ApiTestCase):
    def url(self, application=None):
        return f"/api/v1/applications/{(application or self.dee).pk}/notes/"

    def test_it_adds_a_note_with_mentions(self):
        r = self.api("post", self.url(), {"text": "  Strong typist, @bob please call  "})
        self.assertEqual(r.status_code, 201, r.content)
        body = r.json()
        self.assertEqual(body["text"], "Strong typist, @bob please call")
        self.assertEqual(body["mentions"], ["bob@acme.test"])
        self.assertEqual(body["author"], "alice@acme.test")
        r = self.api("get", self.url())
        self.assertEqual([n["text"] for n in r.json()["results"]], ["Strong typist, @bob please call"])

    def test_it_refuses_an_empty_note(self):
        r = self.api("post", self.url(), {"text": "   "})
        self.assertEqual(r.status_code, 400)
        self.assertIn("text", r.json()["errors"])
        self.assertFalse(self.dee.notes.exists())

    def test_another_employers_notes_are_not_found(self):
        self.assertEqual(self.api("get", self.url(self.theirs)).status_code, 404)
        self.assertEqual(self.api("post", self.url(self.theirs), {"text": "hi"}).status_code, 404)
        self.assertFalse(self.theirs.notes.exists())
