import { Type } from '@sinclair/typebox';
import { DashboardAppJson } from '../../../../../presenters/dashboard-app.presenter.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const AccountParams = Type.Object({ account_id: Id });
export const DashboardAppParams = Type.Object({ account_id: Id, id: Id });

/**
 * Create and update take the same fields, flat or inside `dashboard_app`. `content` is checked
 * by the operation, so a bad one gets Chatwoot's `Content : Invalid data`.
 */
export const DashboardAppBody = Type.Object({
  title: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 255 })),
  content: Type.Optional(Type.Unknown()),
});

export const DashboardAppListResponse = { 200: Type.Array(DashboardAppJson) };
export const DashboardAppResponse = { 200: DashboardAppJson };
export const EmptyResponse = { 204: Type.Null({ description: 'No content' }) };
