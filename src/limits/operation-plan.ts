// Before execution, walk the operation once with its argument values: check every argument
// (so a bad one rejects the whole operation before any upstream call), count mutation fields,
// and estimate the upstream calls it needs, the way the loaders will make them (dedup per box,
// page merging, counts shared with connections' totalCount, caches dropped after a mutation).
// Its merged windows are handed to the loaders (Loaders.expectPages), so a window asked late
// in execution is still served by the one call the plan counted for it.
import {
  getNamedType,
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
import { checkAfter } from '../schema/arguments';
import { PATCH_LOOKUP_LIMIT } from '../schema/subscription/patched-message';
import { ARGUMENT_CHECKS, NEEDS_IDENTITY, VIEW_FIELDS, type Args } from './plan-rules';
import type { PlannedLists } from '../loaders/create-loaders';
import { mergeWindows } from '../loaders/merge-windows';
import type { Page } from '../upstream/upstream-types';
import { isIncluded, selects } from './plan-selections';

/**
 * The box of a subscription's update, unknown until the update arrives: a subscription's plan
 * keeps its windows under this key, and each update's scope files them under its box id.
 */
export const UPDATE_BOX = '*update';

/** What the loaders of one box scope will fetch. */
interface BoxScope {
  events: Page[];
  files: Page[];
  counts: Set<'events' | 'files'>;
  /** Some field reads the box view / members / accesses (one call each per box). */
  view: boolean;
  members: boolean;
  accesses: boolean;
}

/** A box as the loaders see it: its id, and how many writes to it came before (its generation). */
interface BoxRef {
  id: string;
  generation: number;
  /**
   * Boxes whose ids are only known at run time (myBoxes nodes, createBox's new box): how many
   * boxes the scope stands for (a myBoxes page: at most `first`), their view already known.
   */
  listed?: { boxes: number };
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
  let needsIdentity = false;
  let myBoxesCount = false;
  const myBoxesWindows = new Set<string>();
  const scopeOf = (box: BoxRef) => {
    const key = `${box.generation}:${box.id}`;
    let scope = scopes.get(key);
    if (!scope) {
      const empty = { events: [], files: [], view: false, members: false, accesses: false };
      scopes.set(key, (scope = { ...box, ...empty, counts: new Set<'events' | 'files'>() }));
    }
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
    if (NEEDS_IDENTITY.has(coordinate)) needsIdentity = true;
    if (coordinate === 'Mutation.createBox') {
      mutationFields += 1;
      childBoxes = [{ id: `createBox#${mutationFields}`, generation: 0, listed: { boxes: 1 } }];
    } else if (coordinate === 'Query.myBoxes') {
      // One GET per distinct window (first + 1, for hasNextPage), its boxes' views included.
      const offset = checkAfter(args.after);
      myBoxesWindows.add(`${offset}:${args.first + 1}`);
      const id = `myBoxes#${offset}:${args.first}`;
      childBoxes = [{ id, generation: 0, listed: { boxes: args.first } }];
    } else if (coordinate === 'BoxConnection.totalCount') {
      myBoxesCount = true;
    } else if (parent.name === 'Mutation') {
      mutationFields += 1;
      // Mutations run in series, in this order; reads below one come after its box's cache
      // was dropped: a new generation of that box.
      const id = String(args.boxId).toLowerCase();
      const generation = (writes.get(id) ?? 0) + 1;
      writes.set(id, generation);
      childBoxes = [{ id, generation }];
    } else if (coordinate === 'Query.box') {
      childBoxes = [{ id: String(args.id).toLowerCase(), generation: 0 }];
    } else if (coordinate === 'Subscription.boxEvents' || coordinate === 'Subscription.myBoxes') {
      // Each update is about one box: its reads are planned once, for that box.
      childBoxes = [{ id: UPDATE_BOX, generation: 0 }];
    } else if (coordinate === 'BoxEventUpdate.message' && box !== undefined) {
      // An edit's or a deletion's message is looked up in the box's newest page.
      scopeOf(box).events.push({ offset: 0, limit: PATCH_LOOKUP_LIMIT });
    } else if (coordinate === 'MyBoxUpdate.box' && box !== undefined) {
      // The update's box is read as it now is, whatever of it is selected.
      scopeOf(box).view = true;
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
      if (VIEW_FIELDS.has(definition.name)) scope.view = true;
      if (definition.name === 'members') scope.members = true;
      if (definition.name === 'accesses') scope.accesses = true;
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

  let upstreamCalls =
    mutationFields + Number(needsIdentity) + Number(myBoxesCount) + myBoxesWindows.size;
  const pages = new Map<string, PlannedLists[]>();
  for (const scope of scopes.values()) {
    const lists = { events: windowsOf(scope.events), files: windowsOf(scope.files) };
    const perBox =
      lists.events.length +
      lists.files.length +
      scope.counts.size +
      Number(scope.view && !scope.listed) +
      Number(scope.members) +
      Number(scope.accesses);
    upstreamCalls += perBox * (scope.listed?.boxes ?? 1);
    // Listed boxes have no id before execution: their windows merge within their own fields.
    if (scope.listed) continue;
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
