"""Settings for the test suite: the production settings with fast, offline replacements."""

import tempfile

from motcua.conf.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SMS_BACKEND = "motcua.notifications.sms.MemoryBackend"
_TEST_RATES = {"public_lookup": "1000/minute", "feedback_submit": "1000/hour", "signature_verify": "1000/minute"}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": _TEST_RATES}  # noqa: F405
# Tests opt in to two-factor sign-in per test (settings fixture); the others sign officials in with a password.
TWO_FACTOR_REQUIRED_ROLES = []
# The concurrency tests run up to eight threads at once, each with its own connection.
if "pool" in DATABASES["default"]["OPTIONS"]:  # noqa: F405
    DATABASES["default"]["OPTIONS"]["pool"]["max_size"] = 12  # noqa: F405
# The demo's curated procedures only; tests of the whole catalogue name the file themselves
# (motcua.catalogue.tests.dataset).
CATALOGUE_FILE = ""
# Signatures: the local test TSA (B-T) and a known passphrase; each test session writes its own test PKI.
SIGNATURE_TSA_URL = "local"
# Never the worktree's var/: a test that loads the demo writes its test CA to a directory of its own.
SIGNATURE_KEY_DIR = tempfile.mkdtemp(prefix="motcua-test-signatures-")
SIGNATURE_PASSPHRASE = "test-passphrase"  # noqa: S105 — protects the tests' throwaway keys
# The VNPAY gateway talks to the local simulator of its protocol (never to the internet).
PAYMENT_VNPAY_SIMULATOR = True
