import type { Ctx } from '../../context.js';
import type { CustomAttributeDefinitionRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
import { customAttributeDefinitionRepository } from '../../repositories/custom-attribute-definition.repository.js';
import { rethrowTaken } from '../contacts/taken-error.js';
import { prepareDefinitionAttributes, type DefinitionInput } from './prepare-definition-attributes.js';

/** Changes a definition; a key or model change must not collide with another definition of the account. */
export async function updateCustomAttributeDefinition(
  ctx: Ctx, definition: CustomAttributeDefinitionRow, input: DefinitionInput,
): Promise<CustomAttributeDefinitionRow> {
  const values = prepareDefinitionAttributes(definition, input);
  const clash = await customAttributeDefinitionRepository.findByKey(ctx.db, ctx.accountId, values.attribute_model, values.attribute_key);
  if (clash && clash.id !== definition.id) {
    throw invalid('attribute_key', 'has already been taken');
  }
  try {
    return await customAttributeDefinitionRepository.update(ctx.db, ctx.accountId, definition.id, values);
  } catch (error) {
    return rethrowTaken(error, ['attribute_key']);
  }
}
