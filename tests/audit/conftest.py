# Records signed by both parties, from the recording tests.
from tests.recording.conftest import agreement, cases, signed_record, start  # noqa: F401
