import { Type } from '@sinclair/typebox';
import { authorizeAuditLog } from '../../../../../policies/audit-log.policy.js';
import { AuditLogPageJson, presentAuditLog } from '../../../../../presenters/audit.presenter.js';
import { auditRepository } from '../../../../../repositories/audit.repository.js';
import type { RoutePlugin } from '../../../../types.js';

/** Entries per page (Chatwoot's RESULTS_PER_PAGE). */
export const AUDIT_LOGS_PER_PAGE = 25;

const AuditLogParams = Type.Object({ account_id: Type.Integer({ minimum: 1 }) });
const AuditLogQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) });

/** `GET /audit_logs`: the account's audit log, newest first, 25 a page; administrators only. */
export const auditLogRoutes: RoutePlugin = (app, deps) => {
  app.get('/', {
    schema: { tags: ['Audit logs'], params: AuditLogParams, querystring: AuditLogQuery, response: { 200: AuditLogPageJson } },
  }, async (request) => {
    authorizeAuditLog(request.actor);
    const page = request.query.page ?? 1;
    const { rows, total } = await auditRepository.pageOfAccount(deps.db.kysely, request.account.id, page, AUDIT_LOGS_PER_PAGE);
    return { per_page: AUDIT_LOGS_PER_PAGE, total_entries: total, current_page: page, audit_logs: rows.map(presentAuditLog) };
  });
};
