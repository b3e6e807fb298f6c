import type { Executor } from '../../db/dialect.js';
import type { AccessTokenRow, AccessTokensTable } from '../../db/schema.js';
import type { Env } from '../../env.js';
import { decrypt, digest, encrypt, randomToken } from '../../lib/tokens.js';
import { accessTokenRepository } from '../../repositories/access-token.repository.js';

/**
 * Gives an owner (user, agent bot, platform app) a new access token, replacing any
 * earlier one. Returns the plaintext; it is stored hashed (for lookup) and
 * encrypted with SECRET_KEY_BASE (so the profile can show it again).
 */
export async function issueAccessToken(
  db: Executor,
  env: Env,
  ownerType: AccessTokensTable['owner_type'],
  ownerId: number,
): Promise<string> {
  await accessTokenRepository.removeByOwner(db, ownerType, ownerId);
  const token = randomToken(18);
  await accessTokenRepository.insert(db, {
    owner_type: ownerType,
    owner_id: ownerId,
    token_digest: digest(token),
    token_ciphertext: encrypt(env.secretKeyBase, token),
  });
  return token;
}

/** The plaintext of a stored token, or '' when it was encrypted under another secret. */
export function revealAccessToken(env: Env, row: AccessTokenRow | undefined): string {
  return row ? decrypt(env.secretKeyBase, row.token_ciphertext) ?? '' : '';
}
