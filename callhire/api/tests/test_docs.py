from django.test import TestCase


class DocsTestCase(TestCase):
    def test_the_schema_is_openapi_3_json(self):
        r = self.client.get("/api/v1/schema/")
        self.assertEqual(r.status_code, 200)
        schema = r.json()
        self.assertTrue(schema["openapi"].startswith("3."))
        self.assertIn("/api/v1/applications/{id}/moves/", schema["paths"])
        self.assertEqual(schema["components"]["securitySchemes"]["bearerAuth"]["scheme"], "bearer")
        r = self.client.get("/api/v1/schema/?format=yaml")
        self.assertIn(b"openapi: 3.", r.content)

    def test_the_docs_page_describes_every_operation_without_outside_assets(self):
        r = self.client.get("/api/v1/docs/")
        self.assertContains(r, "Move an application to another stage")
        self.assertContains(r, "/api/v1/postings/{id}/profile/")
        self.assertContains(r, 'id="schema-StageMove"')
        self.assertNotContains(r, "cdn")
        self.assertNotContains(r, "<script")

    def test_the_index_points_to_the_endpoints(self):
        body = self.client.get("/api/v1/").json()
        self.assertTrue(body["applications"].endswith("/api/v1/applications/"))
