"""Parallel code confirmations on SQLite (the `make run` default) wait for each other, never a 500.

SQLite's default deferred transactions fail at once with "database is locked"
when two connections that both read then both try to write. The tests copy the
test database to a file and let threads, each with its own connection, confirm
the same code at the same moment.
"""

import re
import sqlite3
import threading
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection, connections
from django.test import override_settings

from accounts.challenges import LOGIN, issue_sms_challenge, verify_sms_challenge
from accounts.models import SmsChallenge, SmsOutboxMessage

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking only"),
    pytest.mark.django_db(transaction=True),
]
THREADS = 8
ROUNDS = 4


@contextmanager
def threads_use_a_file_copy(directory):
    """Threads started inside connect to a file copy of the test database, with the project's OPTIONS."""
    database = connections.settings["default"]
    in_memory_name = database["NAME"]
    connection.ensure_connection()
    target = sqlite3.connect(directory / "db.sqlite3")
    connection.connection.backup(target)
    target.close()
    database["NAME"] = str(directory / "db.sqlite3")
    try:
        yield
    finally:
        # The name first: a connection to a memory database ignores close(), and this one must stay open,
        # since the in-memory test database lives only as long as a connection to it.
        database["NAME"] = in_memory_name
        connections.close_all()


@pytest.fixture
def file_database(tmp_path):
    with threads_use_a_file_copy(tmp_path):
        yield


def in_thread(function):
    result = []

    def run():
        try:
            result.append(function())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    return result[0]


def test_the_sqlite_settings_wait_for_the_write_lock():
    options = connections.settings["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10


def confirm_at_once(user, code):
    """THREADS connections confirm `code` at the same moment; returns each outcome."""
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def confirm():
        try:
            barrier.wait(timeout=30)
            outcomes.append(verify_sms_challenge(user, LOGIN, code, attempt="tab").ok)
        except OperationalError as error:
            outcomes.append(f"OperationalError: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def issue_code(user):
    issue_sms_challenge(user, LOGIN, attempt="tab")
    return re.search(r"\d{4}-(\d{6})", SmsOutboxMessage.objects.first().text).group(1)


@override_settings(SMS_CODE_RESEND_INTERVAL_SECONDS=0, SMS_CODE_MAX_PER_WINDOW=1000)
def test_parallel_confirmations_of_one_code_on_sqlite_give_one_success_and_no_database_locked(personas, file_database):
    anna = personas.anna
    for _round in range(ROUNDS):
        code = in_thread(lambda: issue_code(anna))
        outcomes = confirm_at_once(anna, code)
        assert sorted(outcomes, key=str) == [False] * (THREADS - 1) + [True], outcomes
    used = in_thread(lambda: SmsChallenge.objects.filter(user=anna, used_at__isnull=False).count())
    assert used == ROUNDS


def test_the_threads_file_copy_leaves_the_in_memory_test_database_in_place(tmp_path, personas):
    with threads_use_a_file_copy(tmp_path):
        assert in_thread(lambda: SmsOutboxMessage.objects.count()) == 0
    assert "accounts_smschallenge" in connection.introspection.table_names()
    assert type(personas.anna).objects.filter(pk=personas.anna.pk).exists()
