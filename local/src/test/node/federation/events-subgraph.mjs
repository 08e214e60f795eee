// A second subgraph, as another team would run it: trade events. It extends Comptoir's entities
// Member, Listing and Tenant with fields of its own, and returns references that only Comptoir can fill.
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@external", "@requires"])

  type Query {
    "Upcoming trade events and their exhibitors."
    tradeEvents: [TradeEvent!]!
    "Comptoir members by id, as references: the router asks Comptoir for everything but the id."
    exhibitors(ids: [ID!]!): [Member]!
    "Comptoir listings by id, as references, for an event's showcase."
    showcase(ids: [ID!]!): [Listing]!
  }

  scalar CountryCode

  type Listing @key(fields: "id") {
    id: ID!
    originCountry: CountryCode @external
    "Sea freight to the event's port, from the listing's origin (read from Comptoir through @requires)."
    freightToDakar: String @requires(fields: "originCountry")
  }

  type TradeEvent {
    name: String!
    city: String!
    exhibitors: [Member!]!
  }

  type Member @key(fields: "id") {
    id: ID!
    "The trade events this company exhibits at."
    tradeEvents: [TradeEvent!]!
    "What reached this subgraph from the client, through the router."
    seenHeaders: SeenHeaders!
  }

  type Tenant @key(fields: "id") {
    id: ID!
    "Trade events the chamber hosts."
    hostedEvents: [TradeEvent!]!
  }

  type SeenHeaders {
    tenant: String
    authorization: Boolean!
  }
`);

/**
 * Starts the subgraph on a free port; `exhibitorIds` are Comptoir member ids (the test's own data).
 * Returns its URL.
 */
export async function startEventsSubgraph(exhibitorIds, hostTenantId) {
  const events = [
    { name: 'Foire internationale de Dakar', city: 'Dakar', exhibitorIds, hostTenantId },
    { name: 'Salon de l\'anacarde', city: 'Ziguinchor', exhibitorIds: exhibitorIds.slice(0, 1), hostTenantId },
  ];
  const asEvent = (event) => ({ ...event, exhibitors: event.exhibitorIds.map((id) => ({ __typename: 'Member', id })) });
  const resolvers = {
    Query: {
      tradeEvents: () => events.map(asEvent),
      exhibitors: (_, { ids }) => ids.map((id) => ({ __typename: 'Member', id })),
      showcase: (_, { ids }) => ids.map((id) => ({ __typename: 'Listing', id })),
    },
    Listing: {
      freightToDakar: (listing) => (listing.originCountry ? `${listing.originCountry} to SN by sea` : null),
    },
    Member: {
      __resolveReference: (reference) => ({ id: reference.id }),
      tradeEvents: (member) => events.filter((e) => e.exhibitorIds.includes(member.id)).map(asEvent),
      seenHeaders: (_member, _args, context) => ({
        tenant: context.headers['x-tenant'] ?? null,
        authorization: typeof context.headers.authorization === 'string' && context.headers.authorization.startsWith('Bearer '),
      }),
    },
    Tenant: {
      __resolveReference: (reference) => ({ id: reference.id }),
      hostedEvents: (tenant) => events.filter((e) => e.hostTenantId === tenant.id).map(asEvent),
    },
  };
  const server = new ApolloServer({ schema: buildSubgraphSchema({ typeDefs, resolvers }) });
  const { url } = await startStandaloneServer(server, {
    listen: { host: '127.0.0.1', port: 0 },
    context: async ({ req }) => ({ headers: req.headers }),
  });
  return url;
}
