import type { Ctx } from '../../context.js';
import type { CustomAttributeDefinitionRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
import { customAttributeDefinitionRepository } from '../../repositories/custom-attribute-definition.repository.js';
import { rethrowTaken } from '../contacts/taken-error.js';
import { prepareDefinitionAttributes, type DefinitionInput } from './prepare-definition-attributes.js';

/**
 * Defines a custom attribute for the account's contacts or conversations. The key is
 * unique per account and model (422 naming attribute_key). Chatwoot records no event for it.
 */
export async function createCustomAttributeDefinition(ctx: Ctx, input: DefinitionInput): Promise<CustomAttributeDefinitionRow> {
  const values = prepareDefinitionAttributes(null, input);
  if (await customAttributeDefinitionRepository.findByKey(ctx.db, ctx.accountId, values.attribute_model, values.attribute_key)) {
    throw invalid('attribute_key', 'has already been taken');
  }
  try {
    return await customAttributeDefinitionRepository.insert(ctx.db, { ...values, account_id: ctx.accountId });
  } catch (error) {
    return rethrowTaken(error, ['attribute_key']);
  }
}
