// Before execution, walk the operation once with its argument values: check every argument
// (so a bad one rejects the whole operation before any upstream call), count mutation fields,
// and estimate the upstream calls it needs, the way the loaders will make them (dedup per box,
// page merging, counts shared with connections' totalCount, caches dropped after a mutation).
import {
  getNamedType,
  isCompositeType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { checkAccessChange, checkAfter, checkBase64Url, checkBoxIds, checkFirst, checkPage } from '../schema/arguments';
import { mergeWindows } from '../loaders/merge-windows';
import type { Page } from '../upstream/upstream-types';

type Args = Record<string, any>;

/** Per-field argument checks, keyed by schema coordinate. The checks themselves live in schema/arguments.ts. */
const ARGUMENT_CHECKS: Record<string, (args: Args) => unknown> = {
  'Query.boxes': (a) => checkBoxIds(a.ids),
  'Box.events': (a) => checkPage(a.offset, a.limit),
  'Box.fileEvents': (a) => checkPage(a.offset, a.limit),
  'Box.eventsConnection': (a) => [checkFirst(a.first), checkAfter(a.after)],
  'Box.fileEventsConnection': (a) => [checkFirst(a.first), checkAfter(a.after)],
  'Mutation.postTextMessage': (a) => checkBase64Url('encrypted', a.encrypted),
  'Mutation.editTextMessage': (a) => checkBase64Url('newEncrypted', a.newEncrypted),
  'Mutation.changeBoxAccesses': (a) => checkAccessChange(a.add.length, a.remove.length),
};

/** What the loaders of one box scope will fetch. */
interface BoxScope {
  events: Page[];
  files: Page[];
  counts: Set<'events' | 'files'>;
}

export interface OperationPlan {
  mutationFields: number;
  /** Upstream calls the operation needs at most. */
  upstreamCalls: number;
}

/**
 * Throws the first argument error (a GatewayError) it meets. Skip/include directives are
 * ignored, so the estimate is an upper bound.
 */
export function planOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): OperationPlan {
  const scopes = new Map<string, BoxScope>();
  let mutationFields = 0;
  const scopeOf = (key: string) => {
    let scope = scopes.get(key);
    if (!scope) scopes.set(key, (scope = { events: [], files: [], counts: new Set() }));
    return scope;
  };

  // Fragment cycles were refused by validation, which runs before this.
  const walk = (set: SelectionSetNode, type: GraphQLCompositeType, box: string | undefined) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (condition && isCompositeType(condition)) walk(selection.selectionSet, condition, box);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        const condition = fragment && schema.getType(fragment.typeCondition.name.value);
        if (condition && isCompositeType(condition)) walk(fragment.selectionSet, condition, box);
      } else {
        field(selection, type, box);
      }
    }
  };

  const field = (node: FieldNode, parent: GraphQLCompositeType, box: string | undefined) => {
    if (!('getFields' in parent)) return;
    const definition = parent.getFields()[node.name.value];
    if (!definition) return; // __typename and friends
    const coordinate = `${parent.name}.${definition.name}`;
    const args: Args = getArgumentValues(definition, node, variables);
    ARGUMENT_CHECKS[coordinate]?.(args);

    let childBoxes: Array<string | undefined> = [box];
    if (parent.name === 'Mutation') {
      mutationFields += 1;
      // Reads below a mutation's result come after that box's cache was dropped.
      childBoxes = [`mutation#${mutationFields}:${String(args.boxId).toLowerCase()}`];
    } else if (coordinate === 'Query.box') {
      childBoxes = [String(args.id).toLowerCase()];
    } else if (coordinate === 'Query.boxes') {
      childBoxes = [...new Set((args.ids as string[]).map((id) => id.toLowerCase()))];
    } else if (box !== undefined && parent.name === 'Box') {
      const scope = scopeOf(box);
      if (definition.name === 'events') scope.events.push({ offset: args.offset, limit: args.limit });
      if (definition.name === 'fileEvents') scope.files.push({ offset: args.offset, limit: args.limit });
      if (definition.name === 'eventsCount') scope.counts.add('events');
      if (definition.name === 'fileEventsCount') scope.counts.add('files');
      if (definition.name === 'eventsConnection' || definition.name === 'fileEventsConnection') {
        const list = definition.name === 'eventsConnection' ? scope.events : scope.files;
        list.push({ offset: checkAfter(args.after), limit: args.first + 1 });
        if (node.selectionSet && selects(node.selectionSet, 'totalCount', fragments)) {
          scope.counts.add(definition.name === 'eventsConnection' ? 'events' : 'files');
        }
      }
    }
    const named = getNamedType(definition.type);
    if (node.selectionSet && isCompositeType(named)) {
      for (const child of childBoxes) walk(node.selectionSet, named, child);
    }
  };

  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (root) walk(operation.selectionSet, root, undefined);

  let upstreamCalls = mutationFields;
  for (const scope of scopes.values()) {
    upstreamCalls += mergeWindows(scope.events).length + mergeWindows(scope.files).length + scope.counts.size;
  }
  return { mutationFields, upstreamCalls };
}

function selects(set: SelectionSetNode, name: string, fragments: Record<string, FragmentDefinitionNode>): boolean {
  return set.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === name;
    if (selection.kind === Kind.INLINE_FRAGMENT) return selects(selection.selectionSet, name, fragments);
    const fragment = fragments[selection.name.value];
    return fragment ? selects(fragment.selectionSet, name, fragments) : false;
  });
}
