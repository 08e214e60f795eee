// Compares the portal contract with the served schema (@graphql-inspector/core, the engine of
// `graphql-inspector diff`). Usage: node contract-diff.mjs <contract.graphqls> <served.graphqls>
// Prints every change with its criticality, then "CONTRACT {json counts}"; exits 1 on a breaking change.
import { readFileSync } from 'node:fs';
import { diff, CriticalityLevel } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

const [contractFile, servedFile] = process.argv.slice(2);
const contract = buildSchema(readFileSync(contractFile, 'utf8'));
const served = buildSchema(readFileSync(servedFile, 'utf8'));
const changes = await diff(contract, served);
const counts = { breaking: 0, dangerous: 0, safe: 0 };
for (const change of changes) {
  const level = change.criticality.level;
  if (level === CriticalityLevel.Breaking) counts.breaking += 1;
  else if (level === CriticalityLevel.Dangerous) counts.dangerous += 1;
  else counts.safe += 1;
  if (level !== CriticalityLevel.NonBreaking) {
    console.log(`${level} ${change.type} ${change.path ?? ''}: ${change.message}`);
  }
}
console.log(`CONTRACT ${JSON.stringify(counts)}`);
process.exit(counts.breaking === 0 ? 0 : 1);
