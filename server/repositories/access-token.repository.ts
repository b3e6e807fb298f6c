import type { Executor } from '../db/dialect.js';
import type { AccessTokenRow, AccessTokensTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

type OwnerType = AccessTokensTable['owner_type'];

/** Access tokens, looked up by the SHA-256 digest of the token. */
export const accessTokenRepository = {
  findByDigest(db: Executor, tokenDigest: string): Promise<AccessTokenRow | undefined> {
    return db.selectFrom('access_tokens').selectAll().where('token_digest', '=', tokenDigest).executeTakeFirst();
  },

  findByOwner(db: Executor, ownerType: OwnerType, ownerId: number): Promise<AccessTokenRow | undefined> {
    return db.selectFrom('access_tokens').selectAll()
      .where('owner_type', '=', ownerType).where('owner_id', '=', ownerId)
      .orderBy('id', 'desc').executeTakeFirst();
  },

  /** Tokens of many owners of one type, for list views. */
  listByOwners(db: Executor, ownerType: OwnerType, ownerIds: number[]): Promise<AccessTokenRow[]> {
    if (ownerIds.length === 0) {
      return Promise.resolve([]);
    }
    return db.selectFrom('access_tokens').selectAll()
      .where('owner_type', '=', ownerType).where('owner_id', 'in', ownerIds).execute();
  },

  async insert(db: Executor, values: { owner_type: OwnerType; owner_id: number; token_digest: string; token_ciphertext: string }): Promise<AccessTokenRow> {
    const at = now();
    return db.insertInto('access_tokens').values({ ...values, created_at: at, updated_at: at })
      .returningAll().executeTakeFirstOrThrow();
  },

  async removeByOwner(db: Executor, ownerType: OwnerType, ownerId: number): Promise<void> {
    await db.deleteFrom('access_tokens').where('owner_type', '=', ownerType).where('owner_id', '=', ownerId).execute();
  },
};
