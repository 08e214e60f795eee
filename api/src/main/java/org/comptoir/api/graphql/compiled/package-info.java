/**
 * Known pages written in one pass: the query strategy in front of graphql-java's, fed by the features'
 * {@link org.comptoir.api.graphql.CompiledFields}.
 */
package org.comptoir.api.graphql.compiled;
