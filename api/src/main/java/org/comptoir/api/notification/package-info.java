/**
 * PostgreSQL {@code LISTEN} for the whole instance: one dedicated connection that hears every channel
 * a feature asked for (matchmaking's live updates, the response cache's invalidations).
 */
package org.comptoir.api.notification;
