/**
 * What members must hear of, where they are: in-app notifications and e-mail, from a durable outbox.
 * Public face: {@link org.comptoir.api.notices.Notifications} (a feature records a {@link org.comptoir.api.notices.Notice}
 * in its own transaction).
 */
package org.comptoir.api.notices;
