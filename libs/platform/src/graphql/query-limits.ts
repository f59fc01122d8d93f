import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  type ASTVisitor,
  type FieldNode,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  /** Assumed size of a page whose `first` is a variable, and of connections without `first`. */
  maxPageSize: number;
  /** Assumed size of plain (non-connection) lists. */
  defaultListSize?: number;
}

/** Rejects operations nested deeper than `maxDepth` fields (fragments expanded, introspection ignored). */
export function depthLimitRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const depth = measureDepth(context, operation.selectionSet, 0, new Set());
      if (depth > limits.maxDepth) {
        context.reportError(
          new GraphQLError(`The operation is ${depth} fields deep; the limit is ${limits.maxDepth}`, {
            nodes: [operation],
            extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth: limits.maxDepth },
          }),
        );
      }
    },
  });
}

function measureDepth(context: ValidationContext, set: SelectionSetNode, level: number, seen: Set<string>): number {
  let deepest = level;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const depth = selection.selectionSet ? measureDepth(context, selection.selectionSet, level + 1, seen) : level + 1;
      deepest = Math.max(deepest, depth);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, measureDepth(context, selection.selectionSet, level, seen));
    } else {
      const fragment = context.getFragment(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) continue;
      deepest = Math.max(deepest, measureDepth(context, fragment.selectionSet, level, new Set([...seen, fragment.name.value])));
    }
  }
  return deepest;
}

/**
 * Estimates how many fields an operation can resolve: every field costs 1 times the number of parents it
 * is resolved for; a connection multiplies its children by `first`, a plain list by defaultListSize.
 */
export function costLimitRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const schema = context.getSchema();
      const root =
        operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      if (!root) return;
      const cost = measureCost(context, operation.selectionSet, root, 1, limits, new Set());
      if (cost > limits.maxCost) {
        context.reportError(
          new GraphQLError(`The operation could resolve ${cost} fields; the limit is ${limits.maxCost}. Ask for smaller pages or fewer nested lists.`, {
            nodes: [operation],
            extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost: limits.maxCost },
          }),
        );
      }
    },
  });
}

function measureCost(
  context: ValidationContext,
  set: SelectionSetNode,
  parent: GraphQLNamedType,
  multiplier: number,
  limits: QueryLimits,
  seen: Set<string>,
): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      cost += multiplier;
      if (!selection.selectionSet || !(isObjectType(parent) || isInterfaceType(parent))) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      const childType = getNamedType(field.type);
      const factor = listFactor(selection, isListType(getNullableType(field.type)), parent.name.endsWith('Connection'), childType.name.endsWith('Connection'), limits);
      cost += measureCost(context, selection.selectionSet, childType, multiplier * factor, limits, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : parent;
      if (type) cost += measureCost(context, selection.selectionSet, type, multiplier, limits, seen);
    } else {
      const fragment = context.getFragment(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) continue;
      const type = context.getSchema().getType(fragment.typeCondition.name.value);
      if (type) cost += measureCost(context, fragment.selectionSet, type, multiplier, limits, new Set([...seen, fragment.name.value]));
    }
  }
  return cost;
}

function listFactor(field: FieldNode, isList: boolean, parentIsConnection: boolean, isConnection: boolean, limits: QueryLimits): number {
  const sizeArgument = field.arguments?.find((arg) => ['first', 'last', 'limit'].includes(arg.name.value));
  if (sizeArgument) {
    return sizeArgument.value.kind === Kind.INT ? Math.max(1, Number.parseInt(sizeArgument.value.value, 10)) : limits.maxPageSize;
  }
  if (isConnection) return limits.maxPageSize;
  if (isList) return parentIsConnection ? 1 : (limits.defaultListSize ?? 10);
  return 1;
}
