"""Load and fault test on the production stack, only on 127.0.0.1 (make load-test). Not part of pytest.

1. Starts its own throwaway PostgreSQL (so it can restart it), then scripts/serve-prod on a free port
   (gunicorn + cms.settings.production + Redis), with 100 portal users added to the demo data.
2. Load, 60 s: 100 simulated users each log in fully (password, SMS code read from the outbox table,
   code typed in), then repeat with think time: dashboard, reports, a reports PDF now and then, and
   the application form with a unique marker per submission. Must end with zero errors.
3. Fault: the same users carry on; PostgreSQL is stopped for a while and started again. Every failed
   request must be the friendly Dutch error page (500/503), and the site must recover by itself;
   the recovery time is measured from the moment PostgreSQL accepts connections again.
4. Every submission the site confirmed is stored exactly once and whole; failed ones at most once. Like a
   browser whose user presses "send" again after an error page, a failed application-form POST is sent again
   with the same idempotency key (every 2 s, for up to RESUBMIT_SECONDS); the site must then answer "already
   received" or store it, never both and never twice.
5. Messages: during the load phase every user also reads the Berichten section and sends messages (a new
   conversation or a reply, each with a unique marker and the form's idempotency key; now and then the same
   POST twice, as a double click). Before the fault, the script waits for the worker to deliver every
   notification, then checks: each message that got a success response is stored exactly once, a repeated
   POST stored nothing, every notification is sent exactly once (one SMS in the outbox per SMS notification).
   LOAD_NOTIFIED_USERS (5) of the users want an SMS per new message, the others no notification.

Prints the figures and writes var/load/load_fault.json. Exit status 1 when a requirement fails.
Environment: LOAD_USERS (200), LOAD_SECONDS (60), FAULT_DOWN_SECONDS (10).
"""

import contextlib
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
OUT_DIR = BASE_DIR / "var" / "load"
USERS = int(os.environ.get("LOAD_USERS", 200))
LOAD_SECONDS = int(os.environ.get("LOAD_SECONDS", 60))
DOWN_SECONDS = int(os.environ.get("FAULT_DOWN_SECONDS", 10))
NOTIFIED_USERS = int(os.environ.get("LOAD_NOTIFIED_USERS", 5))
NOTIFICATIONS_DRAIN_SECONDS = 900
NEW_MESSAGE_SMS = "Er is een nieuw bericht voor u in MijnDossier."
PASSWORD = "Belasting-test-2026"
CLIENT_NUMBER = "10001"
FRIENDLY = "Er ging iets mis"
RECEIVED = "Bedankt, wij hebben uw aanvraag ontvangen"
ALREADY_RECEIVED = "Wij hadden dit al van u ontvangen"
RESUBMIT_SECONDS = 60
LATENCY_LIMIT_P99 = 1.0
TIMEOUT = 60


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- Setup inside serve-prod (SERVE_PROD_SETUP): the load users --------------------------------------------


def mobile(i):
    return f"+3161{i:07d}"


def setup_users():
    import django

    sys.path.insert(0, str(BASE_DIR))
    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from two_factor.plugins.phonenumber.models import PhoneDevice

    from conversations.notifications import set_preference
    from dossier.models import Client, DossierAccess, RelationshipType
    from terms.acceptance import accept_current_terms

    User = get_user_model()
    client = Client.objects.get(client_number=CLIENT_NUMBER)
    password = make_password(PASSWORD)  # one hash for all: 100 hashings would only slow the setup down
    for i in range(USERS):
        user, _ = User.objects.update_or_create(
            username=f"load{i:03d}",
            defaults={"password": password, "mobile_number": mobile(i), "password_change_required": False},
        )
        PhoneDevice.objects.get_or_create(
            user=user, name="default", defaults={"number": mobile(i), "method": "sms", "confirmed": True}
        )
        DossierAccess.objects.get_or_create(
            user=user,
            client=client,
            defaults={"relationship": RelationshipType.INFORMAL, "valid_from": timezone.localdate().replace(year=2020)},
        )
        accept_current_terms(user)
        set_preference(user, "sms" if i < NOTIFIED_USERS else "none")


# --- PostgreSQL that this script can restart --------------------------------------------------------------


class Postgres:
    def __init__(self):
        self.bin = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1])
        self.dir = Path(tempfile.mkdtemp(prefix="mijndossier-load-pg."))
        self.dir.chmod(0o755)
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/mijndossier"

    def _run(self, *args, check=True):
        command = [str(self.bin / args[0]), *args[1:]]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)  # noqa: S603

    def init(self):
        data = self.dir / "pg"
        data.mkdir()
        if os.getuid() == 0:
            shutil.chown(data, "postgres", "postgres")
        self._run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "mijndossier")

    def start(self):
        options = f"-p {self.port} -k {self.dir / 'pg'} -c listen_addresses=127.0.0.1 -c max_connections=200"
        data = str(self.dir / "pg")
        self._run("pg_ctl", "-D", data, "-l", f"{data}/server.log", "-w", "-o", options, "start")

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", str(self.dir / "pg"), "-m", mode, "-w", "stop", check=False)

    def query(self, sql, params=()):
        import psycopg

        with psycopg.connect(self.url.replace("postgres://", "postgresql://"), connect_timeout=5) as conn:
            return conn.execute(sql, params).fetchall()

    def remove(self):
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


# --- The production stack -------------------------------------------------------------------------------


class Stack:
    def __init__(self, postgres):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.pidfile = OUT_DIR / "gunicorn.pid"
        env = {
            **os.environ,
            "DATABASE_URL": postgres.url,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_PIDFILE": str(self.pidfile),
            "GUNICORN_ACCESSLOG": "",
            "STATIC_ROOT": "var/load/static",
            "MEDIA_ROOT": "var/load/media",
            "PRIVATE_MEDIA_ROOT": "var/load/private",
            "SERVE_PROD_SETUP": f"{sys.executable} bench/load_fault.py --setup",
            "LOAD_USERS": str(USERS),
        }
        self.log = open(OUT_DIR / "serve-prod.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            ["scripts/serve-prod"],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_up(self):
        import requests

        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"serve-prod stopped early; see {OUT_DIR / 'serve-prod.log'}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(self.base + "/", timeout=5).status_code == 200 and self.pidfile.exists():
                    return
            time.sleep(1)
        raise SystemExit("serve-prod did not come up within 15 minutes")

    def stop(self):
        with contextlib.suppress(OSError, ValueError):
            os.kill(int(self.pidfile.read_text().strip()), signal.SIGTERM)
        try:
            self.process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        self.log.close()


# --- Simulated users ----------------------------------------------------------------------------------


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.rows = []  # (start time, phase, kind, ok, status, friendly, detail, seconds)
        self.submissions = {}  # marker -> (phase, confirmed)
        self.messages = {}  # marker -> confirmed (a success response)
        self.repeats = 0  # POSTs sent a second time with the same idempotency key
        self.resubmitted = 0  # application forms sent again with the same key after an error
        self.already_received = 0  # ... and answered "already received"
        self.phase = "load"

    def add(self, started, kind, ok, status, friendly=False, detail="", seconds=0.0):
        with self.lock:
            self.rows.append((started, self.phase, kind, ok, status, friendly, detail, seconds))


def csrf(session):
    return session.cookies.get("csrftoken", "")


class User(threading.Thread):
    def __init__(self, index, base, postgres, recorder, stop_at):
        super().__init__(daemon=True)
        self.index, self.base, self.postgres, self.recorder = index, base, postgres, recorder
        self.stop_at = stop_at
        self.random = random.Random(index)
        self.form_names = None
        self.submitted = 0

    def request(self, kind, method, path, expect=(200,), **kwargs):
        started = time.monotonic()
        try:
            response = self.session.request(method, self.base + path, timeout=TIMEOUT, allow_redirects=False, **kwargs)
        except Exception as error:  # connection refused/reset, timeout: never acceptable
            self.recorder.add(started, kind, False, 0, False, type(error).__name__, time.monotonic() - started)
            return None
        seconds = time.monotonic() - started
        ok = response.status_code in expect
        friendly = response.status_code in (500, 503) and FRIENDLY in response.text
        title = re.search(r"<title>(.*?)</title>", response.text, re.S)
        detail = "" if ok else (title.group(1).strip() if title else response.text[:80])
        self.recorder.add(started, kind, ok, response.status_code, friendly, detail, seconds)
        return response if ok else None

    def login(self):
        import requests

        self.session = requests.Session()
        username = f"load{self.index:03d}"
        if not self.request("login-page", "GET", "/account/inloggen/"):
            return False
        step = {"csrfmiddlewaretoken": csrf(self.session), "portal_login_view-current_step": "auth"}
        if not self.request(
            "login-password",
            "POST",
            "/account/inloggen/",
            data={**step, "auth-username": username, "auth-password": PASSWORD},
        ):
            return False
        if not self.request(
            "login-sms",
            "POST",
            "/account/inloggen/",
            data={"csrfmiddlewaretoken": csrf(self.session), "request_sms_code": "1"},
        ):
            return False
        rows = self.postgres.query(
            "SELECT text FROM accounts_smsoutboxmessage WHERE number = %s ORDER BY id DESC LIMIT 1",
            (mobile(self.index),),
        )
        code = re.search(r"\d{4}-(\d{6})", rows[0][0]).group(1)
        data = {
            "csrfmiddlewaretoken": csrf(self.session),
            "portal_login_view-current_step": "token",
            "token-otp_token": code,
        }
        return bool(self.request("login-code", "POST", "/account/inloggen/", expect=(302,), data=data))

    def think(self):
        time.sleep(self.random.uniform(1.0, 4.0))

    def submit_application(self):
        page = self.request("form-page", "GET", "/toegang-aanvragen/")
        if page is None and self.form_names is None:
            return
        # With the database down the GET fails; post anyway (the CSRF cookie is still valid) to test the write,
        # with a key of its own as if the page had been loaded before.
        if page is not None and self.form_names is None:
            self.form_names = [
                name
                for name in dict.fromkeys(re.findall(r'name="([a-z0-9_]+)"', page.text))
                if name != "idempotency_key"
            ]
        rendered_key = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', page.text) if page else None
        marker = f"load-{self.index:03d}-{self.submitted:04d}"
        self.submitted += 1
        data = {
            "csrfmiddlewaretoken": csrf(self.session),
            "idempotency_key": rendered_key.group(1) if rendered_key else uuid.uuid4().hex,
        }
        for name in self.form_names:
            if name.startswith("naam_client"):
                data[name] = f"Proef {marker}"
            elif name.startswith("geboortedatum"):
                data[name] = "1950-05-17"
            elif name.startswith("uw_relatie"):
                data[name] = "Verwant (familielid of naaste)"
            elif name.startswith("e_mail"):
                data[name] = f"{marker}@voorbeeld.example"
            elif name.startswith("mobiel"):
                data[name] = "06 12345678"
            elif name.startswith(("ik_geef", "ik_heb")):
                data[name] = "on"
        with self.recorder.lock:
            self.recorder.submissions[marker] = (self.recorder.phase, False)
        give_up_at = time.monotonic() + RESUBMIT_SECONDS
        attempt = 0
        while True:
            kind = "form-submit" if attempt == 0 else "form-resubmit"
            response = self.request(kind, "POST", "/toegang-aanvragen/", data=data)
            if response is not None or time.monotonic() > give_up_at:
                break
            attempt += 1
            with self.recorder.lock:
                self.recorder.resubmitted += attempt == 1
            time.sleep(2)
        if response is not None and RECEIVED in response.text:
            with self.recorder.lock:
                self.recorder.submissions[marker] = (self.recorder.phase, True)
                self.recorder.already_received += ALREADY_RECEIVED in response.text
        elif response is not None:
            self.recorder.add(time.monotonic(), "form-invalid", False, response.status_code, False, "form re-shown")

    def send_message(self):
        """Start a conversation or reply in one, with the key from the form; sometimes the same POST twice."""
        conversation = getattr(self, "conversation", None)
        path = conversation or "/mijn-dossier/berichten/nieuw/"
        if conversation is None or self.random.random() < 0.2:
            path = "/mijn-dossier/berichten/nieuw/"
        page = self.request("message-form", "GET", path)
        key = re.search(r'name="key" value="([0-9a-f]{32})"', page.text) if page is not None else None
        if key is None:
            return
        marker = f"load-msg-{self.index:03d}-{self.submitted:04d}"
        self.submitted += 1
        data = {"csrfmiddlewaretoken": csrf(self.session), "body": f"Vraag {marker}", "key": key.group(1)}
        if path.endswith("/nieuw/"):
            data["subject"] = f"Onderwerp {marker}"
        with self.recorder.lock:
            self.recorder.messages[marker] = False
        times = 2 if self.random.random() < 0.15 else 1
        for attempt in range(times):
            kind = "message-send" if attempt == 0 else "message-resend"
            response = self.request(kind, "POST", path, (302,), data=data)
            if response is None:
                return
            with self.recorder.lock:
                self.recorder.messages[marker] = True
                self.recorder.repeats += attempt
        self.conversation = response.headers["Location"]
        self.request("message-read", "GET", self.conversation)

    def run(self):
        time.sleep(self.index * 0.08)  # stagger the logins over the first seconds
        while time.monotonic() < self.stop_at() and not self.login():
            time.sleep(2)
        while time.monotonic() < self.stop_at():
            self.request("dashboard", "GET", "/mijn-dossier/")
            self.think()
            self.request("reports", "GET", "/mijn-dossier/rapportages/")
            if self.random.random() < 0.2:
                self.request("pdf", "GET", "/mijn-dossier/rapportages/download/?periode=week")
            self.think()
            if self.random.random() < 0.5:
                self.submit_application()
                self.think()
            if self.recorder.phase == "load":
                self.request("messages", "GET", "/mijn-dossier/berichten/")
                if self.random.random() < 0.6:
                    self.send_message()
                self.think()


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def summarise(rows, phase):
    selected = [row for row in rows if row[1] == phase]
    errors = [row for row in selected if not row[3]]
    seconds = [row[7] for row in selected]
    return {
        "requests": len(selected),
        "p50_ms": round(percentile(seconds, 0.50) * 1000, 1) if seconds else None,
        "p95_ms": round(percentile(seconds, 0.95) * 1000, 1) if seconds else None,
        "p99_ms": round(percentile(seconds, 0.99) * 1000, 1) if seconds else None,
        "p99_ms_by_kind": {
            kind: round(percentile([row[7] for row in selected if row[2] == kind], 0.99) * 1000, 1)
            for kind in sorted({row[2] for row in selected})
        },
        "errors": len(errors),
        "friendly_errors": sum(1 for row in errors if row[5]),
        "unfriendly_errors": sum(1 for row in errors if not row[5]),
        "by_kind": dict(Counter(row[2] for row in selected)),
        "error_samples": sorted({f"{row[2]} {row[4]} {row[6][:80]}" for row in errors})[:10],
    }


def check_submissions(postgres, submissions):
    rows = postgres.query(
        "SELECT form_data FROM home_applicationsubmission WHERE form_data::text LIKE %s", ("%load-%",)
    )
    stored = Counter()
    incomplete = 0
    for (form_data,) in rows:
        marker = re.search(r"load-\d{3}-\d{4}", form_data.get("naam_client", "")).group(0)
        stored[marker] += 1
        complete = (
            form_data.get("e_mailadres", "").startswith(marker) and form_data.get("mobiel_nummer") == "+31612345678"
        )
        incomplete += not complete
    confirmed = [marker for marker, (_phase, ok) in submissions.items() if ok]
    failed = [marker for marker, (_phase, ok) in submissions.items() if not ok]
    return {
        "attempted": len(submissions),
        "confirmed": len(confirmed),
        "confirmed_stored_once": sum(1 for marker in confirmed if stored[marker] == 1),
        "failed": len(failed),
        "failed_but_stored": sum(1 for marker in failed if stored[marker] == 1),
        "stored_twice_or_more": sum(1 for count in stored.values() if count > 1),
        "incomplete_rows": incomplete,
        "stored_total": sum(stored.values()),
    }


def wait_for_notifications(postgres):
    """Until the worker has nothing left to deliver (or the drain time is up); returns the seconds waited."""
    started = time.monotonic()
    while time.monotonic() - started < NOTIFICATIONS_DRAIN_SECONDS:
        [(waiting,)] = postgres.query(
            "SELECT count(*) FROM conversations_notification WHERE status IN ('pending', 'sending')"
        )
        if not waiting:
            break
        time.sleep(2)
    return round(time.monotonic() - started, 1)


def check_messages(postgres, recorder):
    """Each confirmed message stored once, no other stored at all twice; each notification sent exactly once."""
    stored = Counter()
    for (body,) in postgres.query("SELECT body FROM conversations_message WHERE body LIKE %s", ("Vraag load-msg-%",)):
        stored[body.removeprefix("Vraag ")] += 1
    confirmed = [marker for marker, ok in recorder.messages.items() if ok]
    failed = [marker for marker, ok in recorder.messages.items() if not ok]
    statuses = dict(postgres.query("SELECT status, count(*) FROM conversations_notification GROUP BY status"))
    [(sent_more_than_once,)] = postgres.query("SELECT count(*) FROM conversations_notification WHERE attempts > 1")
    # Per load user who wants an SMS: one per message of someone else with access; one SMS each in the outbox.
    expected = sum(
        1 for marker in confirmed for i in range(NOTIFIED_USERS) if not marker.startswith(f"load-msg-{i:03d}-")
    )
    per_user = []
    for i in range(NOTIFIED_USERS):
        [(notified,)] = postgres.query(
            "SELECT count(*) FROM conversations_notification n JOIN accounts_user u ON u.id = n.recipient_id "
            "JOIN conversations_message m ON n.idempotency_key LIKE 'message:' || m.id || ':%%' "
            "WHERE u.username = %s AND n.status = 'sent' AND m.body LIKE %s",
            (f"load{i:03d}", "Vraag load-msg-%"),
        )
        [(texts,)] = postgres.query(
            "SELECT count(*) FROM accounts_smsoutboxmessage WHERE number = %s AND text LIKE %s",
            (mobile(i), NEW_MESSAGE_SMS + "%"),
        )
        per_user.append((notified, texts))
    return {
        "attempted": len(recorder.messages),
        "confirmed": len(confirmed),
        "repeated_posts": recorder.repeats,
        "confirmed_stored_once": sum(1 for marker in confirmed if stored[marker] == 1),
        "failed": len(failed),
        "stored_twice_or_more": sum(1 for count in stored.values() if count > 1),
        "notifications_by_status": statuses,
        "notifications_attempted_more_than_once": sent_more_than_once,
        "load_user_notifications_expected": expected,
        "load_user_notifications_sent": sum(notified for notified, _texts in per_user),
        "load_user_sms_in_outbox": sum(texts for _notified, texts in per_user),
        "users_with_sms_not_matching_notifications": sum(1 for notified, texts in per_user if notified != texts),
    }


def main():
    if "--setup" in sys.argv:
        setup_users()
        return 0
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    print(f"load-test: {USERS} users, {LOAD_SECONDS} s load, then PostgreSQL down for {DOWN_SECONDS} s", flush=True)
    postgres = Postgres()
    stack = None
    try:
        postgres.init()
        stack = Stack(postgres)
        print("load-test: starting the production stack (scripts/serve-prod)...", flush=True)
        stack.wait_until_up()
        recorder = Recorder()
        end = {"at": time.monotonic() + LOAD_SECONDS}
        users = [User(i, stack.base, postgres, recorder, lambda: end["at"]) for i in range(USERS)]
        started = time.monotonic()
        end["at"] = started + LOAD_SECONDS + 3600  # the users run on into the fault phase
        for user in users:
            user.start()
        time.sleep(LOAD_SECONDS)
        with recorder.lock:
            recorder.phase = "fault"
        print("load-test: load phase done; waiting for the worker to deliver every notification", flush=True)
        drained = wait_for_notifications(postgres)
        message_result = check_messages(postgres, recorder)
        print(f"load-test: notifications delivered {drained} s after the load phase; stopping PostgreSQL", flush=True)
        time.sleep(5)
        down_at = time.monotonic()
        postgres.stop()
        time.sleep(DOWN_SECONDS)
        postgres.start()
        up_at = time.monotonic()
        print(f"load-test: PostgreSQL back after {up_at - down_at:.1f} s; waiting for the site to recover", flush=True)
        recovered_at = None
        while time.monotonic() - up_at < 120:
            time.sleep(0.5)
            with recorder.lock:
                after = [row for row in recorder.rows if row[0] > up_at]
            if after and recovered_at is None:
                first_ok = next((row for row in after if row[3] and row[2] in ("dashboard", "reports")), None)
                if first_ok:
                    recovered_at = first_ok[0]
            if recovered_at and time.monotonic() - recovered_at > 10:
                break
        end["at"] = time.monotonic()
        for user in users:
            user.join(timeout=TIMEOUT + 5)
        last_error = max((row[0] for row in recorder.rows if not row[3] and row[1] == "fault"), default=up_at)
        load = summarise(recorder.rows, "load")
        fault = summarise(recorder.rows, "fault")
        submissions = check_submissions(postgres, recorder.submissions)
        result = {
            "users": USERS,
            "load_seconds": LOAD_SECONDS,
            "login": "full login per user: password, SMS code read from the outbox table, code entered",
            "load": load,
            "fault": fault,
            "database_down_seconds": round(up_at - down_at, 1),
            "recovery_seconds": round(recovered_at - up_at, 2) if recovered_at else None,
            "last_error_after_database_up_seconds": round(max(last_error - up_at, 0), 2),
            "submissions": submissions,
            "resubmitted_after_an_error": recorder.resubmitted,
            "answered_already_received": recorder.already_received,
            "messages": message_result,
            "notifications_drained_seconds": drained,
            "load_average_at_end": os.getloadavg(),
        }
    finally:
        if stack is not None:
            stack.stop()
        postgres.remove()
    (OUT_DIR / "load_fault.json").write_text(json.dumps(result, indent=2))
    print_figures(result)
    failures = []
    if load["errors"]:
        failures.append(f"{load['errors']} errors under load")
    if load["p99_ms"] is not None and load["p99_ms"] > LATENCY_LIMIT_P99 * 1000:
        failures.append(f"p99 under load {load['p99_ms']} ms, more than {LATENCY_LIMIT_P99 * 1000:.0f} ms")
    if submissions["failed_but_stored"]:
        failures.append(f"{submissions['failed_but_stored']} submissions got an error page but were stored")
    if fault["unfriendly_errors"]:
        failures.append(f"{fault['unfriendly_errors']} failed requests without the friendly error page")
    if result["recovery_seconds"] is None:
        failures.append("the site did not recover within 120 s")
    if submissions["confirmed_stored_once"] != submissions["confirmed"] or submissions["stored_twice_or_more"]:
        failures.append("a confirmed submission is not stored exactly once")
    if submissions["incomplete_rows"]:
        failures.append("a stored submission is incomplete")
    messages = result["messages"]
    if messages["confirmed_stored_once"] != messages["confirmed"] or messages["stored_twice_or_more"]:
        failures.append("a confirmed message is not stored exactly once")
    if set(messages["notifications_by_status"]) - {"sent"} or messages["notifications_attempted_more_than_once"]:
        failures.append(f"not every notification was sent exactly once: {messages['notifications_by_status']}")
    if messages["load_user_notifications_sent"] != messages["load_user_notifications_expected"]:
        failures.append("a message did not notify every user who asked for it")
    if messages["users_with_sms_not_matching_notifications"]:
        failures.append("the SMS outbox does not hold exactly one SMS per notification")
    for failure in failures:
        print(f"load-test: FAILED: {failure}")
    return 1 if failures else 0


def print_figures(result):
    load, fault, sub = result["load"], result["fault"], result["submissions"]
    print()
    print(f"Load ({result['users']} users, {result['load_seconds']} s, {result['login']})")
    print(f"  requests {load['requests']}, errors {load['errors']}  {load['by_kind']}")
    print(f"  latency p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms, p99 {load['p99_ms']} ms")
    print(f"  p99 by kind (ms): {load['p99_ms_by_kind']}")
    print(f"Fault (PostgreSQL stopped for {result['database_down_seconds']} s)")
    print(
        f"  requests {fault['requests']}, failed {fault['errors']} "
        f"(friendly Dutch error page: {fault['friendly_errors']}, other: {fault['unfriendly_errors']})"
    )
    print(f"  recovery: first dossier page served {result['recovery_seconds']} s after PostgreSQL was back;")
    print(f"  last failed request {result['last_error_after_database_up_seconds']} s after PostgreSQL was back")
    print(
        f"Submissions: attempted {sub['attempted']}, confirmed {sub['confirmed']}, "
        f"confirmed and stored exactly once {sub['confirmed_stored_once']}, failed {sub['failed']} "
        f"(of which stored anyway {sub['failed_but_stored']}), duplicates {sub['stored_twice_or_more']}, "
        f"incomplete rows {sub['incomplete_rows']}"
    )
    print(
        f"  sent again with the same key after an error page: {result['resubmitted_after_an_error']}, "
        f"answered 'already received': {result['answered_already_received']}"
    )
    msg = result["messages"]
    print(
        f"Messages: attempted {msg['attempted']}, confirmed {msg['confirmed']} (of which POSTed twice with the same "
        f"key {msg['repeated_posts']}), confirmed and stored exactly once {msg['confirmed_stored_once']}, "
        f"duplicates {msg['stored_twice_or_more']}, failed {msg['failed']}"
    )
    print(
        f"Notifications: {msg['notifications_by_status']}, attempted more than once "
        f"{msg['notifications_attempted_more_than_once']}; to the {NOTIFIED_USERS} SMS users: expected "
        f"{msg['load_user_notifications_expected']}, sent {msg['load_user_notifications_sent']}, SMS in the outbox "
        f"{msg['load_user_sms_in_outbox']}; all delivered {result['notifications_drained_seconds']} s after the load"
    )
    print(f"Load average at the end: {result['load_average_at_end']}")
    for sample in fault["error_samples"] + load["error_samples"]:
        print(f"  sample: {sample}")


if __name__ == "__main__":
    sys.exit(main())
