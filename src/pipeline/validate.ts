// Step "validate": graphql-js's specified rules, the armor rules (depth, aliases, directives:
// limits/armor.ts) and the introspection policy, as ONE list that Apollo gets as its
// `validationRules` and the streaming transports run themselves. Apollo's own introspection
// switch is left on (introspection: true) so that this rule, not Apollo's, refuses it on every
// transport with the same error.
import {
  GraphQLError,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { GatewayError } from '../errors/gateway-errors';
import { validationFailed } from '../errors/request-errors';

/** Refuses `__schema` and `__type` anywhere in the document (INTROSPECTION=false). */
export const NoIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(
        new GraphQLError(
          'GraphQL introspection is not allowed here, but the query contained __schema or __type',
          { nodes: [node] },
        ),
      );
    }
  },
});

/** The rules beyond graphql-js's specified ones, for Apollo and the pipeline alike. */
export function gatewayRules(armorRules: ValidationRule[], introspection: boolean) {
  return introspection ? armorRules : [NoIntrospection, ...armorRules];
}

/** Validates with every rule; the errors coded as Apollo codes them (armor's keep theirs). */
export function validateDocument(
  schema: GraphQLSchema,
  document: DocumentNode,
  rules: readonly ValidationRule[],
): GraphQLError[] {
  return validate(schema, document, [...specifiedRules, ...rules]).map((error) =>
    error instanceof GatewayError || error.originalError instanceof GatewayError
      ? error
      : validationFailed(error),
  );
}
