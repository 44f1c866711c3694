"""Settings for the test suite: the production settings with fast, offline replacements."""

from motcua.conf.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SMS_BACKEND = "motcua.notifications.sms.MemoryBackend"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"public_lookup": "1000/minute", "feedback_submit": "1000/hour"},
}
# Tests opt in to two-factor sign-in per test (settings fixture); the others sign officials in with a password.
TWO_FACTOR_REQUIRED_ROLES = []
# The concurrency tests run up to eight threads at once, each with its own connection.
if "pool" in DATABASES["default"]["OPTIONS"]:  # noqa: F405
    DATABASES["default"]["OPTIONS"]["pool"]["max_size"] = 12  # noqa: F405
# The demo's curated procedures only; tests of the whole catalogue name the file themselves
# (motcua.catalogue.tests.dataset).
CATALOGUE_FILE = ""
