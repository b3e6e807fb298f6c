import type { Ctx } from '../../context.js';
import type { CustomAttributeDefinitionRow } from '../../db/schema.js';
import { customAttributeDefinitionRepository } from '../../repositories/custom-attribute-definition.repository.js';

/**
 * Deletes a definition. The values contacts and conversations hold under its key stay,
 * as in Chatwoot (only the definition goes).
 */
export async function deleteCustomAttributeDefinition(ctx: Ctx, definition: CustomAttributeDefinitionRow): Promise<void> {
  await customAttributeDefinitionRepository.remove(ctx.db, ctx.accountId, definition.id);
}
