/**
 * Apollo Federation 2: the subgraph schema ({@code _service}, {@code _entities}) and its entities,
 * resolved with the same chamber and visibility rules as Relay's {@code node(id:)}.
 */
package org.comptoir.api.federation;
