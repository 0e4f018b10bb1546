"""Pseudonymise documents for research: linkable pseudonyms, no names, no free text.

Patient and staff identifiers become keyed HMAC-SHA256 pseudonyms: the same key
gives the same pseudonym in every file and document kind, so an incident's
staff still match their training records and workforce entries. Names, free
text and every other field the model marks sensitive are removed; the date of
birth becomes an age band at the incident's start. The key (at least 32 bytes)
is supplied by the caller, held only as HMAC state, and never written, shown or
put in an exception. Every document written carries the marker
:data:`PSEUDONYMISED_EXTENSION` under ``extensions``, so ``rrnkit check`` and
``rrnkit study trend`` can say that rules reading removed fields (tagged
``reads-sensitive``) mis-measure it::

    from rrnkit.pseudonymise import pseudonymise

    research = list(pseudonymise(documents, key))
"""

from __future__ import annotations

from rrnkit.pseudonymise._age import DEFAULT_AGE_BANDS, age_band, age_on, check_bands
from rrnkit.pseudonymise._apply import Pseudonymiser, pseudonymise
from rrnkit.pseudonymise._key import (
    MIN_KEY_BYTES,
    PSEUDONYM_PATTERN,
    key_file_exposure,
    read_key_file,
)
from rrnkit.pseudonymise._marker import PSEUDONYMISED_EXTENSION, is_pseudonymised_copy
from rrnkit.pseudonymise._plan import (
    PERSON_IDENTIFIERS,
    RECORD_IDENTIFIERS,
    WITHHELD,
    Action,
    Treatment,
    treatment,
    treatments,
)

__all__ = [
    "DEFAULT_AGE_BANDS",
    "MIN_KEY_BYTES",
    "PERSON_IDENTIFIERS",
    "PSEUDONYMISED_EXTENSION",
    "PSEUDONYM_PATTERN",
    "RECORD_IDENTIFIERS",
    "WITHHELD",
    "Action",
    "Pseudonymiser",
    "Treatment",
    "age_band",
    "age_on",
    "check_bands",
    "is_pseudonymised_copy",
    "key_file_exposure",
    "pseudonymise",
    "read_key_file",
    "treatment",
    "treatments",
]
