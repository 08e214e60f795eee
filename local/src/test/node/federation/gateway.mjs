// Composes Comptoir's live subgraph SDL with the events subgraph (@apollo/composition), then serves
// the supergraph through @apollo/gateway and @apollo/server, passing the client's Authorization and
// X-Tenant headers on to every subgraph.
//
// Usage: node federation/gateway.mjs <comptoir graphql url> <exhibitor ids, comma-separated> <host tenant id> [router secret]
// Comptoir serves `_service` to the router only: the router secret goes out as X-Router-Secret.
// Prints "READY <gateway url>" once serving; on a composition error prints the errors and exits 1.
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';
import { startEventsSubgraph } from './events-subgraph.mjs';

const [comptoirUrl, exhibitorList = '', hostTenantId = '', routerSecret = ''] = process.argv.slice(2);
const FORWARDED = ['authorization', 'x-tenant'];

/** A subgraph's SDL as a router reads it: `_service { sdl }`, with no chamber and no token, but its secret. */
async function serviceSdl(url) {
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (routerSecret) {
    headers['x-router-secret'] = routerSecret;
  }
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = await response.json();
  if (response.status !== 200 || body.errors) {
    throw new Error(`_service from ${url}: HTTP ${response.status} ${JSON.stringify(body.errors)}`);
  }
  return body.data._service.sdl;
}

const eventsUrl = await startEventsSubgraph(exhibitorList.split(',').filter(Boolean), hostTenantId);
const subgraphs = [
  { name: 'comptoir', url: comptoirUrl, typeDefs: parse(await serviceSdl(comptoirUrl)) },
  { name: 'events', url: eventsUrl, typeDefs: parse(await serviceSdl(eventsUrl)) },
];
const composition = composeServices(subgraphs);
if (composition.errors) {
  for (const error of composition.errors) {
    console.log(`COMPOSITION ERROR ${error.extensions?.code ?? ''}: ${error.message}`);
  }
  process.exit(1);
}
for (const hint of composition.hints ?? []) {
  console.log(`COMPOSITION HINT ${hint.definition?.code ?? ''}: ${hint.message}`);
}

const gateway = new ApolloGateway({
  supergraphSdl: composition.supergraphSdl,
  buildService: ({ url }) => new RemoteGraphQLDataSource({
    url,
    willSendRequest({ request, context }) {
      for (const header of FORWARDED) {
        if (context[header]) {
          request.http.headers.set(header, context[header]);
        }
      }
    },
  }),
});
const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: 0 },
  context: async ({ req }) => Object.fromEntries(FORWARDED.map((header) => [header, req.headers[header]])),
});
console.log(`READY ${url}`);
