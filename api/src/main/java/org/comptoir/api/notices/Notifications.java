package org.comptoir.api.notices;

import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a feature records what a company's users must hear of: in the transaction of the change, so the
 * notice exists exactly when the change does. The worker ({@code NoticeWorker}) is woken on commit and
 * takes it from there (in-app notifications for each user of the company, their e-mails).
 */
@Component
public class Notifications {

	static final String CHANNEL = "comptoir_notices";

	private final JsonMapper mapper;

	Notifications(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * @param db the change's transaction, in the writer's chamber ({@code writerTenantId})
	 * @param link the portal path the notice is about (e.g. {@code /contacts/<id>})
	 */
	public Mono<Void> record(DatabaseClient db, UUID writerTenantId, UUID toTenantId, UUID toMemberId, Notice notice, String link) {
		// one statement: the notice, and the wake-up its commit sends
		return db.sql("""
				WITH recorded AS (
				  INSERT INTO notification_event (tenant_id, event_id, to_tenant_id, to_member_id, kind, params, link)
				  VALUES (:tenant, :event, :toTenant, :toMember, :kind, :params::jsonb, :link)
				  RETURNING tenant_id)
				SELECT pg_notify(:channel, tenant_id::text) FROM recorded""")
			.bind("tenant", writerTenantId).bind("event", UUID.randomUUID()).bind("toTenant", toTenantId).bind("toMember", toMemberId)
			.bind("kind", notice.kind().name()).bind("params", mapper.writeValueAsString(notice.params())).bind("link", link)
			.bind("channel", CHANNEL)
			.fetch().rowsUpdated().then();
	}

}
