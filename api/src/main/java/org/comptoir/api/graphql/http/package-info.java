/**
 * GraphQL over HTTP as the spec and its clients expect: POST and GET (queries only), both
 * {@code application/graphql-response+json} and {@code application/json} with their status codes,
 * Apollo's automatic persisted queries, and a clear refusal of batches.
 */
package org.comptoir.api.graphql.http;
