// The graphql-http server audit (GraphQL over HTTP spec) against a running API.
// Usage: node http-audit.mjs <graphql url>
// Prints each audit that did not pass, then one line "AUDIT {json counts}" for the Java test to check.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node http-audit.mjs <graphql url>');
  process.exit(2);
}

const results = await auditServer({ url });
const counts = { total: results.length, ok: 0, notice: 0, warn: 0, error: 0 };
for (const result of results) {
  counts[result.status] += 1;
  if (result.status !== 'ok') {
    let body = '';
    try {
      body = (await result.response.text()).slice(0, 300);
    } catch {
      body = '(body already read)';
    }
    console.log(`${result.status.toUpperCase()} ${result.id} ${result.name}: ${result.reason} [HTTP ${result.response.status}] ${body}`);
  }
}
console.log(`AUDIT ${JSON.stringify(counts)}`);
