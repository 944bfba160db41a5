// The size guard of compiled execution: how many fields graphql-jit would generate code for.
import {
  getNamedType,
  isAbstractType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * The fields graphql-jit generates code for, counted until `limit` is passed. It compiles the
 * selection of an abstract-typed field once per possible type, so nesting multiplies: a legal
 * `box { events { box { events … } } } }` 12 deep (~20 event types) is 20⁵ copies and
 * exhausted a 4 GB heap in the test suite. Fragments are expanded where they are spread.
 */
export function compiledFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  limit: number,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const root = schema.getRootType(operation.operation);
  let count = 0;
  const visit = (set: SelectionSetNode, type: GraphQLNamedType, depth: number): void => {
    if (depth > 64) count = limit + 1; // validation rejects cycles; never loop on one anyway
    for (const selection of set.selections) {
      if (count > limit) return;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet, type, depth + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, type, depth + 1);
      } else {
        count++;
        const field = 'getFields' in type ? type.getFields()[selection.name.value] : undefined;
        if (!field || !selection.selectionSet) continue;
        const named = getNamedType(field.type);
        const concrete = isAbstractType(named) ? schema.getPossibleTypes(named) : [named];
        for (const each of concrete) visit(selection.selectionSet, each, depth + 1);
      }
    }
  };
  if (root) visit(operation.selectionSet, root, 0);
  return count;
}
