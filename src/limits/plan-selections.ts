// Selection helpers of the operation plan: which selections run, and whether a set selects a field.
import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type InlineFragmentNode,
  type SelectionSetNode,
} from 'graphql';

/** graphql-js's own rule: @skip(if: true) or @include(if: false) leaves the selection out. */
export function isIncluded(
  node: FieldNode | FragmentSpreadNode | InlineFragmentNode,
  variables: Record<string, unknown>,
): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

export function selects(
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
