import type { Ctx } from '../../context.js';
import type { CannedResponseRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
import { cannedResponseRepository } from '../../repositories/canned-response.repository.js';
import { rethrowTaken } from '../contacts/taken-error.js';

export interface CannedResponseInput {
  /** What the agent types after `/`; unique within the account. */
  short_code?: string | null;
  /** The text inserted into the reply. */
  content?: string | null;
}

/** The trimmed value, or a 422 naming the field when it is blank. */
function present(field: 'short_code' | 'content', value: string | null | undefined): string {
  const text = value?.trim() ?? '';
  if (!text) {
    throw invalid(field, "can't be blank");
  }
  return field === 'short_code' ? text : (value as string);
}

/**
 * Creates a canned response, or with `existing` updates it (fields left out keep their value).
 * Both fields must be present and the short code unique in the account (422 naming the field).
 */
export async function saveCannedResponse(ctx: Ctx, existing: CannedResponseRow | null, input: CannedResponseInput): Promise<CannedResponseRow> {
  const shortCode = present('short_code', input.short_code === undefined && existing ? existing.short_code : input.short_code);
  const content = present('content', input.content === undefined && existing ? existing.content : input.content);
  const clash = await cannedResponseRepository.findByShortCode(ctx.db, ctx.accountId, shortCode);
  if (clash && clash.id !== existing?.id) {
    throw invalid('short_code', 'has already been taken');
  }
  try {
    return existing
      ? await cannedResponseRepository.update(ctx.db, ctx.accountId, existing.id, { short_code: shortCode, content })
      : await cannedResponseRepository.insert(ctx.db, { account_id: ctx.accountId, short_code: shortCode, content });
  } catch (error) {
    return rethrowTaken(error, ['short_code']);
  }
}
