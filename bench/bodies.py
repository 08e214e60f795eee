"""Request bodies for the benchmark: the contract's own documents with variables from the live database."""
import json
import os
import sys
import urllib.request

port, out, token = sys.argv[1], sys.argv[2], sys.argv[3]
maroc_token = sys.argv[4] if len(sys.argv) > 4 else None
root = os.path.join(os.path.dirname(__file__), "..")
docs = [os.path.join(root, "schema", "contract", "operations"), os.path.join(root, "local", "src", "test", "resources", "graphql-test")]
os.makedirs(out, exist_ok=True)


def doc(name):
    path = next(p for p in (os.path.join(d, name + ".graphql") for d in docs) if os.path.exists(p))
    with open(path) as f:
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
# the same page without its counts and facets (what a portal's "more" page asks)
no_counts = search.replace("    totalCount\n", "").replace("    facets { field values { value label count } }\n", "")
assert "totalCount" not in no_counts and "facets" not in no_counts
write("search-chamber-newest-nocounts", no_counts, {"filter": {"scope": "CHAMBER"}})
# the same page answered field by field: @include(if: true) on its root field, which the compiled pass leaves to
# graphql-java (what the page cost before it was written in one pass)
root = search.index("{", search.index("{") + 1)
write("search-chamber-newest-general", search[:root] + "@include(if: true) " + search[root:], {"filter": {"scope": "CHAMBER"}})
company = call("{ viewer { member { id } } }", auth=token)["data"]["viewer"]["member"]["id"]
# a company of the chamber other than the writer's (the write mix adds thousands of listings to the writer's)
directory = call("{ members(first: 5) { edges { node { id } } } }")["data"]["members"]["edges"]
profiled = next((e["node"]["id"] for e in directory if e["node"]["id"] != company), company)
write("member-profile", doc("MemberProfile"), {"id": profiled})
write("typename", "{ __typename }", {})
write("portal-shell", doc("PortalShell"), {})
request = call(search, {"filter": {"scope": "CHAMBER", "kinds": ["REQUEST"]}, "first": 1})["data"]["listings"]["edges"]
matches = call("query($id: ID!) { listing(id: $id) { matches(first: 1) { edges { score } } } }",
               {"id": request[0]["node"]["id"]} if request else {"id": "x"})
if request and "errors" not in matches:
    write("listing-matches", doc("ListingMatches"), {"id": request[0]["node"]["id"]})
write("create-listing", doc("CreateListing"), {"input": {"kind": "OFFER", "title": "Noix de cajou W320 – lot de test",
                                                          "hsCode": "080132", "visibility": "NETWORK",
                                                          "price": {"amount": "1450.00", "currency": "USD"}}})
def open_conversation():
    """A conversation between senegal's and maroc's owners: senegal asks about a maroc network listing, maroc accepts."""
    maroc_company = call("{ viewer { member { id } } }", tenant="maroc", auth=maroc_token)["data"]["viewer"]["member"]["id"]
    listing = call(search, {"filter": {"scope": "NETWORK", "memberId": maroc_company}, "first": 20}, auth=token)
    target = listing["data"]["listings"]["edges"][0]["node"]["id"]
    asked = call(doc("RequestContact"), {"input": {"listingId": target, "message": "Bonjour, quel est votre délai de livraison ?"}},
                 auth=token)["data"]["requestContact"]
    request_id = asked["contactRequest"]["id"] if asked["contactRequest"] else None
    if request_id is None:  # asked before: find it in maroc's inbox
        inbox = call(doc("ContactInbox"), {"box": "INBOX"}, tenant="maroc", auth=maroc_token)["data"]["contactRequests"]["edges"]
        pending = [e["node"] for e in inbox if e["node"]["from"]["tenant"]["slug"] == "senegal"]
        conversation = next((n["conversation"]["id"] for n in pending if n["conversation"]), None)
        if conversation:
            return conversation
        request_id = pending[0]["id"]
    answered = call(doc("RespondToContactRequest"), {"input": {"contactRequestId": request_id, "accept": True,
                                                              "message": "Volontiers."}}, tenant="maroc", auth=maroc_token)
    return answered["data"]["respondToContactRequest"]["contactRequest"]["conversation"]["id"]


try:
    if maroc_token:
        write("send-message", doc("SendMessage"), {"input": {"conversationId": open_conversation(),
                                                             "body": "Bonjour, le lot est-il disponible ?"}})
except Exception as problem:
    print("no send-message body:", repr(problem))
