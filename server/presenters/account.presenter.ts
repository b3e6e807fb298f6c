import { Type, type Static } from '@sinclair/typebox';
import { inWireOrder } from './wire-order.js';
import { ACCOUNT_STATUSES, enumName } from '../../common/enums.js';
import type { AccountRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';

const AnyObject = Type.Object({}, { additionalProperties: true });

/** Account as the Application API renders it (`accounts/show.json.jbuilder`). */
export const AccountJson = inWireOrder(Type.Object({
  settings: AnyObject,
  created_at: Type.String(),
  custom_attributes: Type.Optional(AnyObject),
  domain: Type.Union([Type.String(), Type.Null()]),
  features: AnyObject,
  id: Type.Integer(),
  locale: Type.String(),
  name: Type.String(),
  support_email: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  cache_keys: AnyObject,
  latest_chatwoot_version: Type.String(),
}));

/** Account as the Platform API renders it (`platform/api/v1/models/_account.json.jbuilder`). */
export const PlatformAccountJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  locale: Type.String(),
  domain: Type.Union([Type.String(), Type.Null()]),
  support_email: Type.Union([Type.String(), Type.Null()]),
  features: AnyObject,
  custom_attributes: AnyObject,
  limits: AnyObject,
  status: Type.String(),
});

/** The Chatwoot version Parley answers as. */
export const COMPATIBLE_CHATWOOT_VERSION = '4.15.1';

/** Application API shape. */
export function presentAccount(row: AccountRow): Static<typeof AccountJson> {
  const hasCustom = Object.keys(row.custom_attributes).length > 0;
  return {
    settings: row.settings,
    created_at: toIso(row.created_at) as string,
    ...(hasCustom ? { custom_attributes: row.custom_attributes } : {}),
    domain: row.domain,
    features: row.features,
    id: row.id,
    locale: row.locale,
    name: row.name,
    support_email: row.support_email,
    status: enumName(ACCOUNT_STATUSES, row.status) ?? 'active',
    cache_keys: { label: row.updated_at, inbox: row.updated_at, team: row.updated_at },
    latest_chatwoot_version: COMPATIBLE_CHATWOOT_VERSION,
  };
}

/** Platform API shape; `features` lists only the enabled ones (`enabled_features`), each `true`. */
export function presentPlatformAccount(row: AccountRow): Static<typeof PlatformAccountJson> {
  return {
    id: row.id,
    name: row.name,
    locale: row.locale,
    domain: row.domain,
    support_email: row.support_email,
    features: Object.fromEntries(Object.entries(row.features).filter(([, on]) => on === true)),
    custom_attributes: row.custom_attributes,
    limits: row.limits,
    status: enumName(ACCOUNT_STATUSES, row.status) ?? 'active',
  };
}
