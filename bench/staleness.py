"""How stale the response cache's answers get: a listing published by a signed-in owner, then the time until the
anonymous (cached) newest page of the chamber shows it. Prints one JSON line: each probe's delay, its median, its max."""
import json
import os
import statistics
import sys
import time
import urllib.request

port, token, page_file = sys.argv[1], sys.argv[2], sys.argv[3]
root = os.path.join(os.path.dirname(__file__), "..")
create = open(os.path.join(root, "schema", "contract", "operations", "CreateListing.graphql")).read()
page = json.load(open(page_file))


def call(body, auth=None):
    request = urllib.request.Request(f"http://localhost:{port}/graphql", method="POST", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", "X-Tenant": "senegal"})
    if auth:
        request.add_header("Authorization", "Bearer " + auth)
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def shown(listing_id):
    edges = call(page)["data"]["listings"]["edges"]
    return any(e["node"]["id"] == listing_id for e in edges)


delays = []
for probe in range(5):
    call(page)  # the page kept
    made = call({"query": create, "variables": {"input": {"kind": "OFFER", "title": f"Sondage de fraîcheur {time.time_ns()}",
                                                          "hsCode": "080132", "visibility": "CHAMBER"}}}, auth=token)
    listing_id = made["data"]["createListing"]["listing"]["id"]
    committed = time.monotonic()
    while not shown(listing_id):
        if time.monotonic() - committed > 30:
            raise SystemExit("the cached page did not show the new listing within 30 s")
        time.sleep(0.002)
    delays.append(round((time.monotonic() - committed) * 1000, 1))
print(json.dumps({"operation": "cache-staleness", "staleness_ms": delays, "staleness_median_ms": statistics.median(delays),
                  "staleness_max_ms": max(delays)}))
