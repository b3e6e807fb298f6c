import {
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely';
import { BOOLEAN_COLUMNS, JSON_COLUMNS } from './schema.js';

/** Objects and arrays go to the driver as JSON text; booleans as 1/0 where the driver needs it. */
function toParam(value: unknown, booleansAsIntegers: boolean): unknown {
  if (value === null || value === undefined) {
    return value;
  }
  if (typeof value === 'boolean') {
    return booleansAsIntegers ? (value ? 1 : 0) : value;
  }
  if (typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return JSON.stringify(value);
  }
  return value;
}

class ParamTransformer extends OperationNodeTransformer {
  constructor(private readonly booleansAsIntegers: boolean) {
    super();
  }

  protected override transformValue(node: ValueNode): ValueNode {
    return { ...node, value: toParam(node.value, this.booleansAsIntegers) };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...node, values: node.values.map((v) => toParam(v, this.booleansAsIntegers)) };
  }
}

function parseRow(row: UnknownRow): UnknownRow {
  for (const key in row) {
    const value = row[key];
    if (typeof value === 'string' && JSON_COLUMNS.has(key)) {
      row[key] = JSON.parse(value);
    } else if (typeof value === 'number' && BOOLEAN_COLUMNS.has(key)) {
      row[key] = value === 1;
    }
  }
  return row;
}

/**
 * Makes both dialects read and write the same JS values: JSON columns as objects,
 * boolean columns as booleans. On SQLite it also parses results by column name.
 */
export class ValuesPlugin implements KyselyPlugin {
  private readonly transformer: ParamTransformer;

  constructor(private readonly sqlite: boolean) {
    this.transformer = new ParamTransformer(sqlite);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.sqlite) {
      args.result.rows.forEach(parseRow);
    }
    return args.result;
  }
}
