"""Request bodies for the benchmark: the contract's own documents with variables from the live database."""
import json
import os
import sys
import urllib.request

port, out, token = sys.argv[1], sys.argv[2], sys.argv[3]
docs = os.path.join(os.path.dirname(__file__), "..", "api", "src", "test", "resources", "graphql-test")
os.makedirs(out, exist_ok=True)


def doc(name):
    with open(os.path.join(docs, name + ".graphql")) as f:
        return f.read()


def call(query, variables=None, tenant="senegal", auth=None):
    request = urllib.request.Request(f"http://localhost:{port}/graphql", method="POST",
                                     data=json.dumps({"query": query, "variables": variables or {}}).encode(),
                                     headers={"Content-Type": "application/json", "X-Tenant": tenant})
    if auth:
        request.add_header("Authorization", "Bearer " + auth)
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def write(name, query, variables):
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump({"query": query, "variables": variables}, f)


search = doc("MarketplaceSearch")
write("search-broad", search, {"query": "cafe", "filter": {"scope": "NETWORK"}})
write("search-selective", search, {"query": "safran biologique", "filter": {"scope": "NETWORK"}})
write("search-filters", search, {"filter": {"scope": "NETWORK", "kinds": ["REQUEST"], "hsCodePrefixes": ["0801"]}})
write("search-chamber-newest", search, {"filter": {"scope": "CHAMBER"}})
company = call("{ viewer { member { id } } }", auth=token)["data"]["viewer"]["member"]["id"]
write("member-profile", doc("MemberProfile"), {"id": company})
write("portal-shell", doc("PortalShell"), {})
request = call(search, {"filter": {"scope": "CHAMBER", "kinds": ["REQUEST"]}, "first": 1})["data"]["listings"]["edges"]
matches = call("query($id: ID!) { listing(id: $id) { matches(first: 1) { edges { score } } } }",
               {"id": request[0]["node"]["id"]} if request else {"id": "x"})
if request and "errors" not in matches:
    write("listing-matches", doc("ListingMatches"), {"id": request[0]["node"]["id"]})
write("create-listing", doc("CreateListing"), {"input": {"kind": "OFFER", "title": "Noix de cajou W320 – lot de test",
                                                          "hsCode": "080132", "visibility": "NETWORK",
                                                          "price": {"amount": "1450.00", "currency": "USD"}}})
try:
    conversations = call("{ contactRequests(box: OUTBOX, first: 50) { edges { node { conversation { id } } } } }",
                         auth=token)
    ids = [e["node"]["conversation"]["id"] for e in conversations["data"]["contactRequests"]["edges"]
           if e["node"]["conversation"]]
    if ids:
        write("send-message", doc("SendMessage"), {"input": {"conversationId": ids[0], "body": "Bonjour, le lot est-il disponible ?"}})
except Exception as problem:  # matchmaking not there, or no conversation yet
    print("no send-message body:", problem)
