#!/usr/bin/env python3
"""The outbox benchmark's helper (bench/notices.sh): SQL as the database owner (through psql), the wire sniffer,
GreenMail's list. One JSON line per figure on stdout.

  notices.py setup                      the probe table and trigger (who claimed and sent what)
  notices.py queue N PHASE [per-event]  N events in one transaction, then one NOTIFY per writer chamber, or
                                        (per-event) one per event, each in its own transaction, as the API does
  notices.py wait N PHASE [TIMEOUT]     polls SENT deliveries of PHASE until N; rate per second, who sent
  notices.py latency N PHASE            N notices one at a time (insert + NOTIFY, one transaction), sent_at - created_at
  notices.py check PHASE                the phase in the database: routed, notifications, deliveries, attempts
  notices.py mail PHASE                 GreenMail's list (/local/mail?to=, per recipient): distinct Message-IDs
  notices.py sniff FILE                 (a process) every Message-ID sent to the SMTP port, read off loopback
  notices.py wire FILE PHASE            the sniffer's count: messages on the wire, distinct, duplicates
"""
import json, os, re, socket, struct, subprocess, sys, time, urllib.request

PG_PORT = os.environ.get("PG_PORT", "5432")
API = os.environ.get("API", "http://localhost:8095")
SMTP_PORT = int(os.environ.get("SMTP_PORT", "2526"))


def psql(sql, *, single=True):
    """Runs SQL as the owner (the embedded server's superuser); rows as lists of strings."""
    env = dict(os.environ, PGPASSWORD="postgres")
    args = ["psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", PG_PORT, "-U", "postgres"]
    if single:
        args.append("-1")
    out = subprocess.run(args + ["-f", "-", "postgres"], input=sql, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit("psql failed: " + out.stderr)
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def emit(record):
    print(json.dumps(record), flush=True)


def recipients():
    """The demo chambers' companies that have users (their owners), with the chamber and the address."""
    return psql("""SELECT t.tenant_id, t.slug, u.member_id, min(u.email) FROM member_user u JOIN tenant t USING (tenant_id)
                   GROUP BY t.tenant_id, t.slug, u.member_id HAVING count(*) = 1 ORDER BY t.slug""")


def setup():
    # what each claim and each mark was made by (application_name: A's pool says r2dbc-postgresql, B's comptoir-b),
    # written by a trigger in the bench database only: the API is not changed
    psql("""
    CREATE TABLE IF NOT EXISTS bench_probe (notification_id uuid, status text, app text, at timestamptz DEFAULT clock_timestamp());
    CREATE OR REPLACE FUNCTION bench_probe() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
    BEGIN
      IF NEW.status IS DISTINCT FROM OLD.status OR NEW.attempts IS DISTINCT FROM OLD.attempts THEN
        INSERT INTO public.bench_probe (notification_id, status, app) VALUES (NEW.notification_id, NEW.status, current_setting('application_name'));
      END IF;
      RETURN NEW;
    END $$;
    DROP TRIGGER IF EXISTS bench_probe ON notification_delivery;
    CREATE TRIGGER bench_probe AFTER UPDATE ON notification_delivery FOR EACH ROW EXECUTE FUNCTION bench_probe();
    """)
    rows = recipients()
    emit({"figure": "setup", "recipients": [{"chamber": r[1], "address": r[3]} for r in rows]})


def queue(n, phase, per_event=False):
    rows = recipients()
    k = len(rows)
    # event i: written in chamber i mod k, for the owner company of the next chamber (a contact request across chambers);
    # the phase in the link, to find its rows again
    sql = f"""
    INSERT INTO notification_event (tenant_id, event_id, to_tenant_id, to_member_id, kind, params, link)
    SELECT w.tenant_id, gen_random_uuid(), r.tenant_id, r.member_id, 'CONTACT_REQUEST_RECEIVED',
           jsonb_build_object('fromCompany', 'Bench ' || i, 'message', 'Bonjour, nous cherchons 20 t de cajou (' || i || ')'),
           '/contact-requests/{phase}-' || i
    FROM generate_series(0, {n - 1}) i
    JOIN (VALUES {",".join(f"({j}, '{r[0]}'::uuid)" for j, r in enumerate(rows))}) AS w(j, tenant_id) ON w.j = i % {k}
    JOIN (VALUES {",".join(f"({j}, '{r[0]}'::uuid, '{r[2]}'::uuid)" for j, r in enumerate(rows))}) AS r(j, tenant_id, member_id)
      ON r.j = (i + 1) % {k};
    SELECT clock_timestamp();
    """
    t0 = time.time()
    psql(sql)
    t1 = time.time()
    if per_event:
        # one NOTIFY per event, each in its own transaction (within one, PostgreSQL folds equal payloads into one)
        notifies = "".join(f"SELECT pg_notify('comptoir_notices', '{rows[i % k][0]}');\n" for i in range(n))
    else:
        notifies = "".join(f"SELECT pg_notify('comptoir_notices', '{r[0]}');\n" for r in rows)
    psql(notifies, single=False)
    t2 = time.time()
    emit({"figure": "queue", "phase": phase, "events": n, "writers": k, "notifies": n if per_event else k,
          "insert_s": round(t1 - t0, 2), "notify_s": round(t2 - t1, 2), "t0": t0})


def counts(phase):
    r = psql(f"""
    SELECT (SELECT count(*) FROM notification_event WHERE link LIKE '/contact-requests/{phase}-%'),
           (SELECT count(*) FROM notification_event WHERE link LIKE '/contact-requests/{phase}-%' AND routed_at IS NOT NULL),
           (SELECT count(*) FROM notification WHERE link LIKE '/contact-requests/{phase}-%'),
           (SELECT count(*) FROM notification_delivery d JOIN notification n USING (tenant_id, notification_id)
             WHERE n.link LIKE '/contact-requests/{phase}-%' AND d.status = 'SENT'),
           (SELECT count(*) FROM notification_delivery d JOIN notification n USING (tenant_id, notification_id)
             WHERE n.link LIKE '/contact-requests/{phase}-%' AND d.status = 'SENDING')""")[0]
    return dict(zip(["events", "routed", "notifications", "sent", "sending"], map(int, r)))


def wait(n, phase, timeout, t0=None):
    t0 = t0 or time.time()
    samples, last, last_t, stall_since = [], 0, time.time(), time.time()
    while True:
        c = counts(phase)
        now = time.time()
        samples.append({"t": round(now - t0, 1), **c})
        if c["sent"] >= n:
            break
        if c["sent"] != last:
            stall_since = now
        last = c["sent"]
        if now - t0 > timeout:
            break
        time.sleep(1)
    elapsed = now - t0
    # the steady rate: from the first to the last sent delivery, as the database stamped them
    span = psql(f"""SELECT extract(epoch FROM min(d.sent_at)), extract(epoch FROM max(d.sent_at)),
                     extract(epoch FROM min(n.created_at))
                   FROM notification_delivery d JOIN notification n USING (tenant_id, notification_id)
                   WHERE n.link LIKE '/contact-requests/{phase}-%' AND d.status = 'SENT'""")[0]
    first, lastsent = float(span[0] or 0), float(span[1] or 0)
    emit({"figure": "drain", "phase": phase, "target": n, "sent": c["sent"], "done": c["sent"] >= n,
          "elapsed_s": round(elapsed, 1), "per_s": round(c["sent"] / elapsed, 1) if elapsed else None,
          "first_to_last_sent_s": round(lastsent - first, 1),
          "per_s_first_to_last": round((c["sent"] - 1) / (lastsent - first), 1) if lastsent > first else None,
          "by_instance": by_instance(phase), "counts": c, "load": open("/proc/loadavg").read().split()[:3]})
    with open(os.path.join(os.environ.get("OUT", "."), f"samples-{phase}.json"), "w") as f:
        json.dump(samples, f)


def by_instance(phase):
    rows = psql(f"""SELECT p.status, p.app, count(*), count(DISTINCT p.notification_id) FROM bench_probe p
                    JOIN notification n ON n.notification_id = p.notification_id
                    WHERE n.link LIKE '/contact-requests/{phase}-%' GROUP BY 1, 2 ORDER BY 1, 2""")
    return {f"{r[0]}:{'B' if r[1] == 'comptoir-b' else 'A' if r[1] == 'r2dbc-postgresql' else r[1]}": int(r[2]) for r in rows}


def latency(n, phase):
    rows = recipients()
    k = len(rows)
    for i in range(n):
        w, r = rows[i % k], rows[(i + 1) % k]
        psql(f"""INSERT INTO notification_event (tenant_id, event_id, to_tenant_id, to_member_id, kind, params, link)
                 VALUES ('{w[0]}', gen_random_uuid(), '{r[0]}', '{r[2]}', 'CONTACT_REQUEST_RECEIVED',
                 jsonb_build_object('fromCompany', 'Latence {i}', 'message', 'Un seul avis'), '/contact-requests/{phase}-{i}');
                 SELECT pg_notify('comptoir_notices', '{w[0]}');""")
        time.sleep(0.2)  # one at a time: the previous one is (nearly always) out before the next
    deadline = time.time() + 120
    while counts(phase)["sent"] < n and time.time() < deadline:
        time.sleep(1)
    # created_at is now() of the recording transaction; sent_at now() of the marking one: the e-mail left before it
    lat = [float(x[0]) for x in psql(f"""SELECT extract(epoch FROM d.sent_at - e.created_at) * 1000
                 FROM notification_event e JOIN notification n ON n.event_id = e.event_id
                 JOIN notification_delivery d ON d.tenant_id = n.tenant_id AND d.notification_id = n.notification_id
                 WHERE e.link LIKE '/contact-requests/{phase}-%' AND d.status = 'SENT' ORDER BY 1""")]
    routed = [float(x[0]) for x in psql(f"""SELECT extract(epoch FROM routed_at - created_at) * 1000 FROM notification_event
                 WHERE link LIKE '/contact-requests/{phase}-%' AND routed_at IS NOT NULL ORDER BY 1""")]
    pct = lambda xs, p: round(xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))], 1) if xs else None
    emit({"figure": "latency", "phase": phase, "notices": n, "sent": len(lat), "p50_ms": pct(lat, 50), "p90_ms": pct(lat, 90),
          "p99_ms": pct(lat, 99), "max_ms": round(max(lat), 1) if lat else None, "routed_p50_ms": pct(routed, 50),
          "routed_p99_ms": pct(routed, 99), "by_instance": by_instance(phase), "load": open("/proc/loadavg").read().split()[:3]})


def check(phase):
    c = counts(phase)
    r = psql(f"""
    SELECT count(*) FILTER (WHERE d.attempts > 1), max(d.attempts), count(*) FILTER (WHERE d.status = 'FAILED'),
           count(*) FILTER (WHERE d.status <> 'SENT'), count(*) - count(DISTINCT n.event_id)
    FROM notification_delivery d JOIN notification n USING (tenant_id, notification_id)
    WHERE n.link LIKE '/contact-requests/{phase}-%'""")[0]
    claims = psql(f"""SELECT count(*) FROM (SELECT p.notification_id FROM bench_probe p JOIN notification n USING (notification_id)
                      WHERE n.link LIKE '/contact-requests/{phase}-%' AND p.status = 'SENDING'
                      GROUP BY 1 HAVING count(DISTINCT p.app) > 1) x""")[0]
    emit({"figure": "check", "phase": phase, **c, "attempts_over_1": int(r[0]), "max_attempts": int(r[1] or 0),
          "failed": int(r[2]), "not_sent": int(r[3]), "deliveries_beyond_one_per_event": int(r[4]),
          "claimed_by_both_instances": int(claims[0]), "by_instance": by_instance(phase)})


def mail(phase):
    """GreenMail's list, one recipient at a time (the whole list of 10,000 letters is tens of MB in a 256 MB heap).
    It shows each Message-ID once (LocalMail folds the copies GreenMail keeps per recipient): distinct ones only."""
    ids, total, t0 = set(), 0, time.time()
    for r in recipients():
        with urllib.request.urlopen(f"{API}/local/mail?to={r[3]}", timeout=300) as resp:
            for m in json.load(resp):
                if f"/contact-requests/{phase}-" not in (m.get("text") or ""):
                    continue
                total += 1
                headers = {k.lower(): v for k, v in (m.get("headers") or {}).items()}
                mid = headers.get("message-id")
                ids.add(mid[0] if isinstance(mid, list) and len(mid) == 1 else mid if isinstance(mid, str) else json.dumps(mid))
    pattern = all(re.fullmatch(r"<[0-9a-f-]{36}@notices\.comptoir>", i) for i in ids)
    emit({"figure": "greenmail", "phase": phase, "listed": total, "distinct_message_ids": len(ids),
          "message_ids_as_notification_ids": pattern, "read_s": round(time.time() - t0, 1)})


def sniff(path):
    """Every SMTP DATA to the mail port, read off loopback (AF_PACKET, root): the Message-IDs of the notices as they
    were sent, duplicates included (GreenMail's list folds them). Payload kept per client port until the Message-ID shows."""
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.ntohs(0x0003))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 << 20)
    s.bind(("lo", 0))
    buffers, seen, out = {}, set(), open(path, "a", buffering=1)
    mid = re.compile(rb"Message-ID: (<[^>\r\n]+@notices\.comptoir>)", re.I)
    while True:
        frame, addr = s.recvfrom(262144)
        if addr[2] == socket.PACKET_OUTGOING or len(frame) < 34 or frame[12:14] != b"\x08\x00":
            continue
        ip = frame[14:]
        ihl = (ip[0] & 15) * 4
        if ip[9] != 6:
            continue
        tcp = ip[ihl:]
        sport, dport, seq = struct.unpack("!HHI", tcp[:8])
        if dport != SMTP_PORT:
            continue
        payload = tcp[(tcp[12] >> 4) * 4:struct.unpack("!H", ip[2:4])[0] - ihl]
        if tcp[13] & 0x02:  # SYN: a new connection from this port
            buffers[sport] = b""
            continue
        if not payload or (sport, seq) in seen:
            continue
        seen.add((sport, seq))
        if len(seen) > 200000:
            seen.clear()
        buf = buffers.get(sport, b"") + payload
        m = mid.search(buf)
        if m:
            out.write(m.group(1).decode() + "\n")
            buf = buf[m.end():]
        buffers[sport] = buf[-200:]


def wire(path, phase):
    """The sniffer's Message-IDs of the phase's notifications: sent, distinct, duplicates."""
    ids = [line.strip() for line in open(path) if line.strip()]
    mine = {"<" + r[0] + "@notices.comptoir>" for r in psql(f"""SELECT notification_id FROM notification
                                                               WHERE link LIKE '/contact-requests/{phase}-%'""")}
    sent = [i for i in ids if i in mine]
    from collections import Counter
    c = Counter(sent)
    dups = {k: v for k, v in c.items() if v > 1}
    emit({"figure": "wire", "phase": phase, "notifications": len(mine), "messages_sent": len(sent), "distinct": len(c),
          "never_sent": len(mine - set(c)), "sent_twice_or_more": len(dups), "extra_copies": sum(v - 1 for v in dups.values()),
          "duplicated_ids": sorted(dups)[:30]})


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "setup":
        setup()
    elif cmd == "queue":
        queue(int(args[0]), args[1], len(args) > 2 and args[2] == "per-event")
    elif cmd == "wait":
        wait(int(args[0]), args[1], float(args[2]) if len(args) > 2 else 900, float(args[3]) if len(args) > 3 else None)
    elif cmd == "latency":
        latency(int(args[0]), args[1])
    elif cmd == "check":
        check(args[0])
    elif cmd == "mail":
        mail(args[0])
    elif cmd == "sniff":
        sniff(args[0])
    elif cmd == "wire":
        wire(args[0], args[1])
    elif cmd == "counts":
        emit(counts(args[0]))
    else:
        raise SystemExit(__doc__)
