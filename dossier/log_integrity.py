"""Integrity of the access log: the hash chain, the database triggers that keep it append-only, the purge path.

Every entry carries `chain_index` (its place in the chain), `prev_hash` (the
previous entry's hash) and `entry_hash` = sha256(prev_hash | content). The
content is every logged field, each written as `<length>:<text>` (NULL as
`N`), so no value can be shifted from one field into another without
changing the hash.

On PostgreSQL a BEFORE INSERT trigger computes the chain under a transaction
advisory lock, so concurrent writers line up and logging stays one INSERT
round trip; the trigger function is VOLATILE, so after waiting for the lock
it sees the entry the previous writer committed (READ COMMITTED, Django's
default). Other triggers refuse every UPDATE and every DELETE, except a
DELETE by the retention purge of entries older than `RETENTION_FLOOR_DAYS`.

On SQLite (development, the first test pass) the transaction takes the
database's single write lock, the newest link is read and the entry inserted
with its hash, and a trigger refuses every UPDATE of a chained entry. SQLite
has no session state a trigger could read, so a DELETE trigger would also
stop the test runner from emptying the database; deletes there are refused
by the application only (and show up as a gap in the chain).

`verify_chain` recomputes every hash in Python, independent of the database.
"""

import hashlib
import ipaddress
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db import connections, models, router, transaction

GENESIS_HASH = "0" * 64
RETENTION_FLOOR_DAYS = 5 * 365
ADVISORY_LOCK_KEY = 7513
TABLE = "dossier_accesslogentry"
PURGE_SETTING = "mijndossier.access_log_purge"

# In chain order; the PostgreSQL trigger below spells out the same list.
HASHED_FIELDS = (
    "chain_index",
    "occurred_at",
    "action",
    "outcome",
    "outcome_code",
    "client_id",
    "client_number",
    "user_id",
    "user_display",
    "user_is_staff",
    "user_role",
    "on_behalf_of",
    "purpose",
    "authorisation_basis",
    "source_system",
    "object_type",
    "object_id",
    "period_start",
    "period_end",
    "detail",
    "ip_address",
)


def _as_text(name, value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if name == "ip_address":
        return str(ipaddress.ip_address(value)) if value else None
    return str(value)


def _part(text: str | None) -> str:
    return "N" if text is None else f"{len(text)}:{text}"


def content_of(entry) -> str:
    return "|".join(_part(_as_text(name, getattr(entry, name))) for name in HASHED_FIELDS)


def hash_of(entry, prev_hash: str) -> str:
    return hashlib.sha256(f"{prev_hash}|{content_of(entry)}".encode()).hexdigest()


def _raw_queryset(using):
    """A plain QuerySet: `AccessLogQuerySet` refuses updates and deletes for every other caller."""
    from .models import AccessLogEntry

    return models.QuerySet(model=AccessLogEntry, using=using)


def insert_chained(entry, save, *args, **kwargs):
    """Insert `entry` (a new row) as the newest link of the chain."""
    using = kwargs.get("using") or router.db_for_write(type(entry), instance=entry)
    if connections[using].vendor == "postgresql":
        save(*args, **kwargs)
        return
    # Inside the caller's transaction when there is one (no savepoint: a failed insert fails that transaction
    # anyway); otherwise its own, whose write lock is taken when it begins (SQLite's immediate mode), so the
    # newest link cannot change between reading it and inserting after it.
    with transaction.atomic(using=using, savepoint=False):
        previous = (
            _raw_queryset(using)
            .filter(chain_index__isnull=False)
            .order_by("-chain_index")
            .values_list("chain_index", "entry_hash")
            .first()
        )
        entry.chain_index = previous[0] + 1 if previous else 1
        entry.prev_hash = previous[1] if previous else GENESIS_HASH
        entry.entry_hash = hash_of(entry, entry.prev_hash)
        save(*args, **kwargs)


@dataclass
class BrokenLink:
    chain_index: int | None
    pk: int
    reason: str


@dataclass
class ChainReport:
    checked: int
    first_index: int | None
    broken: BrokenLink | None


def verify_chain(using="default", batch_size=2000) -> ChainReport:
    """Walk the chain from its oldest kept entry; the first link that does not hold is reported.

    The oldest kept entry's `prev_hash` is taken as given: older entries may
    have been purged after the retention period (each purge is itself logged).
    """
    rows = _raw_queryset(using)
    unchained = rows.filter(chain_index__isnull=True).order_by("pk").first()
    if unchained is not None:
        return ChainReport(0, None, BrokenLink(None, unchained.pk, "entry outside the chain (no chain index)"))
    checked, first_index, expected_index, expected_prev = 0, None, None, None
    for row in rows.order_by("chain_index").iterator(chunk_size=batch_size):
        if first_index is None:
            first_index, expected_index, expected_prev = row.chain_index, row.chain_index, row.prev_hash
        if row.chain_index != expected_index:
            reason = f"entries {expected_index} to {row.chain_index - 1} are missing"
            return ChainReport(checked, first_index, BrokenLink(expected_index, row.pk, reason))
        if row.prev_hash != expected_prev:
            reason = "the previous-entry hash does not match the previous entry"
            return ChainReport(checked, first_index, BrokenLink(row.chain_index, row.pk, reason))
        if hash_of(row, row.prev_hash) != row.entry_hash:
            reason = "the content does not match its hash (changed after it was written)"
            return ChainReport(checked, first_index, BrokenLink(row.chain_index, row.pk, reason))
        checked += 1
        expected_index, expected_prev = row.chain_index + 1, row.entry_hash
    return ChainReport(checked, first_index, None)


@contextmanager
def purging(using="default"):
    """The one path that may delete from the access log: a transaction in which the guard lets old rows go."""
    with transaction.atomic(using=using):
        connection = connections[using]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'on', true)", [PURGE_SETTING])
        yield _raw_queryset(using)


def _pg_text(name: str) -> str:
    column = f"NEW.{name}"
    if name == "occurred_at":
        return f"""to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')"""
    if name in ("period_start", "period_end"):
        return f"to_char({column}, 'YYYY-MM-DD')"
    if name == "user_is_staff":
        return f"CASE WHEN {column} THEN 't' ELSE 'f' END"
    if name == "ip_address":
        return f"host({column})"
    return f"{column}::text"


def _pg_part(name: str) -> str:
    text = _pg_text(name)
    return f"CASE WHEN NEW.{name} IS NULL THEN 'N' ELSE length({text})::text || ':' || {text} END"


_PG_CONTENT = " || '|' || ".join(_pg_part(name) for name in HASHED_FIELDS)

POSTGRESQL_INSTALL = f"""
CREATE OR REPLACE FUNCTION dossier_access_log_chain() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    last_index bigint;
    last_hash text;
BEGIN
    PERFORM pg_advisory_xact_lock({ADVISORY_LOCK_KEY});
    SELECT chain_index, entry_hash INTO last_index, last_hash
        FROM {TABLE} WHERE chain_index IS NOT NULL ORDER BY chain_index DESC LIMIT 1;
    NEW.chain_index := coalesce(last_index, 0) + 1;
    NEW.prev_hash := coalesce(last_hash, '{GENESIS_HASH}');
    NEW.entry_hash := encode(sha256(convert_to(NEW.prev_hash || '|' || {_PG_CONTENT}, 'UTF8')), 'hex');
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION dossier_access_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
        AND current_setting('{PURGE_SETTING}', true) = 'on'
        AND OLD.occurred_at < now() - make_interval(days => {RETENTION_FLOOR_DAYS}) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'The access log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

DROP TRIGGER IF EXISTS dossier_access_log_chain ON {TABLE};
CREATE TRIGGER dossier_access_log_chain BEFORE INSERT ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION dossier_access_log_chain();
DROP TRIGGER IF EXISTS dossier_access_log_append_only ON {TABLE};
CREATE TRIGGER dossier_access_log_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION dossier_access_log_refuse();
"""  # noqa: S608 (built from this module's constants only)

POSTGRESQL_UNINSTALL = f"""
DROP TRIGGER IF EXISTS dossier_access_log_append_only ON {TABLE};
DROP TRIGGER IF EXISTS dossier_access_log_chain ON {TABLE};
DROP FUNCTION IF EXISTS dossier_access_log_refuse();
DROP FUNCTION IF EXISTS dossier_access_log_chain();
"""

SQLITE_INSTALL = f"""
CREATE TRIGGER IF NOT EXISTS dossier_access_log_sealed BEFORE UPDATE ON {TABLE}
WHEN OLD.entry_hash <> ''
BEGIN
    SELECT RAISE(ABORT, 'The access log is append-only: UPDATE refused');
END;
"""

SQLITE_UNINSTALL = "DROP TRIGGER IF EXISTS dossier_access_log_sealed;"


def install_guards(schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_INSTALL, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_INSTALL)


def uninstall_guards(schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_UNINSTALL, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_UNINSTALL)
