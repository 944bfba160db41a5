// Before execution, walk the operation once with its argument values: check every argument
// (so a bad one rejects the whole operation before any upstream call), count mutation fields,
// and estimate the upstream calls it needs, the way the loaders will make them (dedup per box,
// page merging, counts shared with connections' totalCount, caches dropped after a mutation).
// Its merged windows are handed to the loaders (Loaders.expectPages), so a window asked late
// in execution is still served by the one call the plan counted for it.
import {
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  Kind,
  type FieldNode,
  type FragmentSpreadNode,
  type InlineFragmentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import {
  checkAccessChange,
  checkAfter,
  checkBase64Url,
  checkBoxIds,
  checkFirst,
  checkPage,
} from '../schema/arguments';
import type { PlannedLists } from '../loaders/create-loaders';
import { mergeWindows } from '../loaders/merge-windows';
import type { Page } from '../upstream/upstream-types';

/**
 * Argument values as graphql-js coerced them, for the fields this file reads. The schema makes
 * each one present (non-null or defaulted) on the fields it is read from.
 */
interface Args {
  id: string;
  ids: string[];
  boxId: string;
  offset: number;
  limit: number;
  first: number;
  after: string | null;
  encrypted: string;
  newEncrypted: string;
  add: unknown[];
  remove: unknown[];
  boxIds: string[];
}

/**
 * The box of a subscription's update, unknown until the update arrives: a subscription's plan
 * keeps its windows under this key, and each update's scope files them under its box id.
 */
export const UPDATE_BOX = '*update';

/** Per-field argument checks, keyed by schema coordinate. The checks themselves live in schema/arguments.ts. */
const ARGUMENT_CHECKS: Record<string, (args: Args) => unknown> = {
  'Query.boxes': (a) => checkBoxIds(a.ids),
  'Subscription.boxEvents': (a) => checkBoxIds(a.boxIds, 'boxIds'),
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

/** A box as the loaders see it: its id, and how many writes to it came before (its generation). */
interface BoxRef {
  id: string;
  generation: number;
}

export interface OperationPlan {
  mutationFields: number;
  /**
   * Upstream calls the operation needs at most: exact unless a field fails, a list comes back
   * empty or a fragment's type condition matches nothing (the reads below are then never made).
   */
  upstreamCalls: number;
  /** Merged windows per lowercase box id, by generation (see Loaders.expectPages). */
  pages: Map<string, PlannedLists[]>;
}

/**
 * Throws the first argument error (a GatewayError) it meets. Fields and fragments left out by
 * @skip / @include are left out of the plan too.
 */
export function planOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): OperationPlan {
  const scopes = new Map<string, BoxScope & BoxRef>();
  const writes = new Map<string, number>();
  let mutationFields = 0;
  const scopeOf = (box: BoxRef) => {
    const key = `${box.generation}:${box.id}`;
    let scope = scopes.get(key);
    if (!scope) scopes.set(key, (scope = { ...box, events: [], files: [], counts: new Set() }));
    return scope;
  };
  const included = (node: FieldNode | FragmentSpreadNode | InlineFragmentNode) =>
    isIncluded(node, variables);

  // Fragment cycles were refused by validation, which runs before this.
  const walk = (set: SelectionSetNode, type: GraphQLCompositeType, box: BoxRef | undefined) => {
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : type;
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

  const field = (node: FieldNode, parent: GraphQLCompositeType, box: BoxRef | undefined) => {
    if (!('getFields' in parent)) return;
    const definition = parent.getFields()[node.name.value];
    if (!definition) return; // __typename and friends
    const coordinate = `${parent.name}.${definition.name}`;
    const args = getArgumentValues(definition, node, variables) as unknown as Args;
    ARGUMENT_CHECKS[coordinate]?.(args);

    let childBoxes: Array<BoxRef | undefined> = [box];
    if (parent.name === 'Mutation') {
      mutationFields += 1;
      // Mutations run in series, in this order; reads below one come after its box's cache
      // was dropped: a new generation of that box.
      const id = String(args.boxId).toLowerCase();
      const generation = (writes.get(id) ?? 0) + 1;
      writes.set(id, generation);
      childBoxes = [{ id, generation }];
    } else if (coordinate === 'Query.box') {
      childBoxes = [{ id: String(args.id).toLowerCase(), generation: 0 }];
    } else if (coordinate === 'Subscription.boxEvents') {
      // Each update is about one box: its reads are planned once, for that box.
      childBoxes = [{ id: UPDATE_BOX, generation: 0 }];
    } else if (coordinate === 'Query.boxes') {
      const ids = new Set(args.ids.map((id) => id.toLowerCase()));
      childBoxes = [...ids].map((id) => ({ id, generation: 0 }));
    } else if (box !== undefined && parent.name === 'Box') {
      const scope = scopeOf(box);
      if (definition.name === 'events')
        scope.events.push({ offset: args.offset, limit: args.limit });
      if (definition.name === 'fileEvents')
        scope.files.push({ offset: args.offset, limit: args.limit });
      if (definition.name === 'eventsCount') scope.counts.add('events');
      if (definition.name === 'fileEventsCount') scope.counts.add('files');
      if (definition.name === 'eventsConnection' || definition.name === 'fileEventsConnection') {
        const list = definition.name === 'eventsConnection' ? scope.events : scope.files;
        list.push({ offset: checkAfter(args.after), limit: args.first + 1 });
        if (node.selectionSet && selects(node.selectionSet, 'totalCount', fragments, variables)) {
          scope.counts.add(definition.name === 'eventsConnection' ? 'events' : 'files');
        }
      }
    }
    const named = getNamedType(definition.type);
    if (node.selectionSet && isCompositeType(named)) {
      for (const child of childBoxes) walk(node.selectionSet, named, child);
    }
  };

  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (root) walk(operation.selectionSet, root, undefined);

  let upstreamCalls = mutationFields;
  const pages = new Map<string, PlannedLists[]>();
  for (const scope of scopes.values()) {
    const lists = { events: windowsOf(scope.events), files: windowsOf(scope.files) };
    upstreamCalls += lists.events.length + lists.files.length + scope.counts.size;
    let generations = pages.get(scope.id);
    if (!generations) pages.set(scope.id, (generations = []));
    generations[scope.generation] = lists;
  }
  for (const generations of pages.values()) {
    for (let i = 0; i < generations.length; i++) generations[i] ??= { events: [], files: [] };
  }
  return { mutationFields, upstreamCalls, pages };
}

function windowsOf(windows: readonly Page[]): Page[] {
  return mergeWindows(windows).map(({ offset, limit }) => ({ offset, limit }));
}

/** graphql-js's own rule: @skip(if: true) or @include(if: false) leaves the selection out. */
function isIncluded(
  node: FieldNode | FragmentSpreadNode | InlineFragmentNode,
  variables: Record<string, unknown>,
): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

function selects(
  set: SelectionSetNode,
  name: string,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): boolean {
  return set.selections.some((selection) => {
    if (!isIncluded(selection, variables)) return false;
    if (selection.kind === Kind.FIELD) return selection.name.value === name;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      return selects(selection.selectionSet, name, fragments, variables);
    }
    const fragment = fragments[selection.name.value];
    return fragment ? selects(fragment.selectionSet, name, fragments, variables) : false;
  });
}
