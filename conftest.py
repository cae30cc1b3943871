import pytest


def pytest_configure(config):
    if not config.pluginmanager.hasplugin("django"):
        return  # the plain-Python core can be tested with -p no:django
    from django.conf import settings

    # Hashing passwords properly is slow by design; tests need no such protection.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background tasks run in the test's own thread, on commit, so their effects can be asserted.
    settings.CALLHIRE_TASKS = "inline"


@pytest.fixture(autouse=True)
def _media_in_tmp(request, tmp_path):
    if request.config.pluginmanager.hasplugin("django"):
        settings = request.getfixturevalue("settings")
        settings.MEDIA_ROOT = tmp_path / "media"
