"""The media benchmark's driver (bench/media.sh starts the API and makes the photos): uploads by the tus core protocol
over raw sockets (throttled, cut and resumed), attach latency, the heap while ten photos are processed at once, and a
listing page's weight with its covers. Prints one JSON line per figure, to stdout and to $OUT/media.jsonl.

  python3 bench/media.py PORT KC_PORT PHOTOS_DIR OUT_DIR      (RATE: bytes per second of the throttled upload, 50000)
"""
import gzip
import hashlib
import json
import os
import socket
import statistics
import sys
import threading
import time
import urllib.request

port, kc_port, photos, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
RATE = int(os.environ.get("RATE", "50000"))
CUT = float(os.environ.get("CUT", "0.8"))
WRITE = 1000  # bytes per paced write: 20 ms of a 50,000 B/s link
API = f"http://127.0.0.1:{port}"
root = os.path.join(os.path.dirname(__file__), "..")
results = open(os.path.join(out, "media.jsonl"), "w")


def report(figure):
    line = json.dumps(figure)
    print(line, flush=True)
    results.write(line + "\n")
    results.flush()


_token = {"value": None, "at": 0}


def token():
    """The owner's token, fetched again after a minute (Keycloak's access tokens live a few minutes)."""
    if time.monotonic() - _token["at"] > 60:
        request = urllib.request.Request(f"http://127.0.0.1:{kc_port}/realms/senegal/protocol/openid-connect/token",
                                         data=b"grant_type=password&client_id=portal&username=owner%40senegal.test&password=demo")
        with urllib.request.urlopen(request) as response:
            _token["value"] = json.load(response)["access_token"]
        _token["at"] = time.monotonic()
    return _token["value"]


def call(query, variables=None, auth=True, encoding="identity"):
    """A GraphQL request as the senegal chamber; the parsed body and the bytes on the wire."""
    request = urllib.request.Request(f"{API}/graphql", method="POST",
                                     data=json.dumps({"query": query, "variables": variables or {}}).encode(),
                                     headers={"Content-Type": "application/json", "X-Tenant": "senegal",
                                              "Accept-Encoding": encoding, "Cache-Control": "no-cache"})
    if auth:
        request.add_header("Authorization", "Bearer " + token())
    with urllib.request.urlopen(request, timeout=600) as response:
        raw = response.read()
        body = gzip.decompress(raw) if response.headers.get("Content-Encoding") == "gzip" else raw
    parsed = json.loads(body)
    if parsed.get("errors"):
        raise RuntimeError(f"GraphQL errors: {json.dumps(parsed['errors'])[:2000]}")
    return parsed, len(raw), len(body)


CREATE = open(os.path.join(root, "schema", "contract", "operations", "CreateListing.graphql")).read()
REQUEST_UPLOAD = """mutation($input: RequestUploadInput!) { requestUpload(input: $input) {
  upload { id url offset } userErrors { code message } } }"""
ATTACH = """mutation($input: AddListingImageInput!) { addListingImage(input: $input) {
  listing { images { id variants { name format width height byteSize url } } cover { url(width: 160) } }
  userErrors { code message } } }"""


def create_listing(title):
    made, _, _ = call(CREATE, {"input": {"kind": "OFFER", "title": title, "hsCode": "080132", "visibility": "NETWORK"}})
    payload = made["data"]["createListing"]
    if payload["userErrors"]:
        raise RuntimeError(f"createListing: {payload['userErrors']}")
    return payload["listing"]["id"]


def request_upload(path):
    data = open(path, "rb").read()
    made, _, _ = call(REQUEST_UPLOAD, {"input": {"kind": "IMAGE", "contentType": "image/jpeg", "byteSize": len(data),
                                                 "sha256": hashlib.sha256(data).hexdigest(),
                                                 "fileName": os.path.basename(path)}})
    payload = made["data"]["requestUpload"]
    if payload["userErrors"]:
        raise RuntimeError(f"requestUpload: {payload['userErrors']}")
    return payload["upload"], data


def response_of(sock):
    """Status and headers of an HTTP/1.1 response with no body we care about."""
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk:
            break
        buffer += chunk
    head = buffer.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1]) if head and head[0] else 0
    headers = {k.strip().lower(): v.strip() for k, v in (h.split(":", 1) for h in head[1:] if ":" in h)}
    return status, headers, buffer


def patch(url, offset, data, rate=None, cut_at=None):
    """PATCH data[offset:] on a raw socket, Content-Length of the whole rest, paced at rate bytes per second in small
    writes when rate is set; the socket closed once cut_at bytes of the file are sent. Returns (status, Upload-Offset,
    bytes of the file sent, seconds)."""
    body = data[offset:]
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.sendall((f"PATCH {url} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTus-Resumable: 1.0.0\r\n"
                  f"Content-Type: application/offset+octet-stream\r\nUpload-Offset: {offset}\r\n"
                  f"Content-Length: {len(body)}\r\n\r\n").encode())
    start = time.monotonic()
    sent = 0
    step = WRITE if rate else 256 * 1024
    while sent < len(body):
        if cut_at is not None and offset + sent >= cut_at:
            sock.close()  # the link drops: FIN before the last byte
            return None, None, offset + sent, time.monotonic() - start
        n = min(step, len(body) - sent)
        if cut_at is not None:
            n = min(n, cut_at - offset - sent)
        sock.sendall(body[sent:sent + n])
        sent += n
        if rate:
            ahead = start + sent / rate - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)
    status, headers, _ = response_of(sock)
    sock.close()
    return status, int(headers.get("upload-offset", "-1")), offset + sent, time.monotonic() - start


def head(url):
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(f"HEAD {url} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTus-Resumable: 1.0.0\r\nConnection: close\r\n\r\n".encode())
    status, headers, _ = response_of(sock)
    sock.close()
    return status, int(headers.get("upload-offset", "-1"))


def upload(path):
    """A file sent unthrottled in one PATCH; its upload's id."""
    up, data = request_upload(path)
    status, offset, _, _ = patch(up["url"], 0, data)
    if status != 204 or offset != len(data):
        raise RuntimeError(f"PATCH {up['url']}: status {status}, Upload-Offset {offset} of {len(data)}")
    return up["id"]


def attach(listing_id, upload_id):
    """addListingImage, timed; (seconds, the new image's variants, userErrors)."""
    start = time.monotonic()
    made, _, _ = call(ATTACH, {"input": {"listingId": listing_id, "uploadId": upload_id}})
    took = time.monotonic() - start
    payload = made["data"]["addListingImage"]
    images = (payload.get("listing") or {}).get("images") or []
    return took, (images[-1]["variants"] if images else []), payload["userErrors"]


def photo(name):
    return os.path.join(photos, name)


def heap():
    with urllib.request.urlopen(f"{API}/actuator/metrics/jvm.memory.used?tag=area:heap") as response:
        return sum(m["value"] for m in json.load(response)["measurements"])


def load():
    return open("/proc/loadavg").read().split()[:3]


# 1. resumable upload on a throttled link, cut at 80 %
path = photo("big-00.jpg")
listing = create_listing("Banc d'essai : envoi reprenable")
up, data = request_upload(path)
size = len(data)
cut_at = int(size * CUT)
_, _, sent_at_cut, to_cut = patch(up["url"], 0, data, rate=RATE, cut_at=cut_at)
time.sleep(0.5)  # the server sees the cut and commits its partial piece
head_status, kept = head(up["url"])
time.sleep(1.5)
_, kept_later = head(up["url"])
status, final_offset, _, resumed = patch(up["url"], kept_later, data, rate=RATE)
took, variants, errors = attach(listing, up["id"])
report({"figure": "throttled-upload", "rate_bytes_per_s": RATE, "file_bytes": size, "cut_at_bytes": cut_at,
        "sent_at_cut": sent_at_cut, "seconds_to_cut": round(to_cut, 2), "head_status": head_status,
        "kept_after_head": kept, "kept_2s_later": kept_later, "lost_bytes": sent_at_cut - kept_later,
        "resumed_seconds": round(resumed, 2), "resume_status": status, "final_offset": final_offset,
        "complete": final_offset == size and status == 204, "total_seconds": round(to_cut + 2 + resumed, 2),
        "total_seconds_sending": round(to_cut + resumed, 2), "attach_seconds": round(took, 2),
        "variants": [f"{v['name']} {v['format']} {v['width']}x{v['height']} {v['byteSize']}" for v in variants],
        "attach_errors": errors, "load": load()})

# 2. attach latency: 12 MP (median of 5) and 1600 x 1200 (median of 5), each sent unthrottled first
for label, names in (("12mp", [f"big-{i:02d}.jpg" for i in range(1, 6)]), ("1600x1200", [f"small-{i:02d}.jpg" for i in range(0, 5)])):
    listing = create_listing(f"Banc d'essai : variantes {label}")
    samples, sizes, problems, made = [], [], [], []
    for name in names:
        upload_id = upload(photo(name))
        took, variants, errors = attach(listing, upload_id)
        samples.append(round(took, 3))
        sizes.append(os.path.getsize(photo(name)))
        made.append(len(variants))
        if errors or len(variants) != 6:
            problems.append({"file": name, "errors": errors, "variants": len(variants)})
    report({"figure": f"attach-{label}", "seconds": samples, "median_seconds": statistics.median(samples),
            "file_bytes": sizes, "variants_each": made, "problems": problems, "load": load()})

# 3. heap while ten 12 MP photos are processed at once
listing = create_listing("Banc d'essai : dix photos à la fois")
uploads = [upload(photo(f"big-{i:02d}.jpg")) for i in range(6, 16)]
samples, stop = [], threading.Event()


def sample():
    while not stop.is_set():
        try:
            samples.append((time.monotonic(), heap()))
        except Exception as ex:  # an unanswered sample is a finding too
            samples.append((time.monotonic(), -1))
        time.sleep(0.2)


outcomes = [None] * len(uploads)


def fire(i, upload_id):
    try:
        outcomes[i] = attach(listing, upload_id)
    except Exception as ex:
        outcomes[i] = (None, [], [{"code": "EXCEPTION", "message": repr(ex)[:500]}])


baseline = heap()
sampler = threading.Thread(target=sample)
sampler.start()
start = time.monotonic()
threads = [threading.Thread(target=fire, args=(i, u)) for i, u in enumerate(uploads)]
for t in threads:
    t.start()
for t in threads:
    t.join()
wall = time.monotonic() - start
time.sleep(0.4)
stop.set()
sampler.join()
ok = sum(1 for o in outcomes if o and o[0] is not None and not o[2] and len(o[1]) == 6)
heaps = [h for _, h in samples if h >= 0]
report({"figure": "heap-10-at-once", "photos": len(uploads), "succeeded": ok, "wall_seconds": round(wall, 2),
        "each_seconds": sorted(round(o[0], 2) for o in outcomes if o and o[0] is not None),
        "baseline_heap_mb": round(baseline / 1048576), "peak_heap_mb": round(max(heaps) / 1048576) if heaps else None,
        "samples": len(samples), "unanswered_samples": len(samples) - len(heaps),
        "errors": [o[2] for o in outcomes if o and o[2]], "load": load()})

# 4. a listing page of 20 with their covers
viewer, _, _ = call("{ viewer { member { id } } }")
member_id = viewer["data"]["viewer"]["member"]["id"]
page_ids = []
for i in range(20):
    listing = create_listing(f"Banc d'essai : page {i + 1:02d}, noix de cajou décortiquées")
    took, variants, errors = attach(listing, upload(photo(f"small-{i + 5:02d}.jpg")))
    if errors or len(variants) != 6:
        raise RuntimeError(f"attach for the page: {errors}, {len(variants)} variants")
    page_ids.append(listing)
PAGE = """{ listings(filter: {memberId: "%s"}, sort: NEWEST, first: 20) { edges { node { id title(locale: "fr")
  price { amount currency } cover { url(width: 160%s) } } } } }"""


def fetch(url):
    with urllib.request.urlopen(url if url.startswith("http") else API + url) as response:
        return len(response.read()), response.headers.get("Content-Type")


weights = {}
for fmt, arg in (("jpeg", ""), ("webp", ", format: WEBP")):
    query = PAGE % (member_id, arg)
    page, zipped, _ = call(query, auth=False, encoding="gzip")
    _, plain, _ = call(query, auth=False)
    nodes = [e["node"] for e in page["data"]["listings"]["edges"]]
    covers = [n["cover"]["url"] for n in nodes if n.get("cover")]
    files = [fetch(u) for u in covers]
    weights[fmt] = {"json_gzip_bytes": zipped, "json_bytes": plain, "nodes": len(nodes), "covers": len(covers),
                    "ours": sum(1 for n in nodes if n["id"] in page_ids),
                    "thumbnail_bytes": sum(n for n, _ in files), "types": sorted({t for _, t in files}),
                    "total_bytes": zipped + sum(n for n, _ in files)}
report({"figure": "listing-page", "anonymous": True, **{f"{fmt}_{k}": v for fmt, w in weights.items() for k, v in w.items()},
        "target_bytes": 200_000, "load": load()})
