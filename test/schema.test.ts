// Two guards on the public schema:
// - drift: the committed schema.graphql is exactly what `npm run schema:emit` writes now;
// - contract: every name of the contract SDL (test/fixtures/graphql-api-contract.graphql) is
//   in the built schema with the same type, nullability, arguments and defaults. Additions
//   are allowed; a missing or changed name is a breaking change for the frontend.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isIntrospectionType,
  validateSchema,
} from 'graphql';
import { buildGatewaySchema } from '../src/schema/build-schema';
import { renderSchemaSDL } from '../src/schema/render-schema-sdl';

const ROOT = join(__dirname, '..');
const schema = buildGatewaySchema();
const contract = buildSchema(
  readFileSync(join(__dirname, 'fixtures/graphql-api-contract.graphql'), 'utf8'),
);

function userTypes(s: GraphQLSchema): GraphQLNamedType[] {
  return Object.values(s.getTypeMap()).filter(
    (t) => !isIntrospectionType(t) && !(isScalarType(t) && isSpecifiedScalarType(t)),
  );
}

const kindOf = (t: GraphQLNamedType) => t.constructor.name;

/** Every way `actual` fails to offer what `wanted` promises, as readable lines. */
function compareArgs(
  where: string,
  wanted: readonly GraphQLArgument[],
  actual: readonly GraphQLArgument[],
) {
  const problems: string[] = [];
  for (const arg of wanted) {
    const got = actual.find((a) => a.name === arg.name);
    if (!got) problems.push(`${where}(${arg.name}:) is missing`);
    else {
      if (String(got.type) !== String(arg.type)) {
        problems.push(`${where}(${arg.name}:) is ${got.type}, contract says ${arg.type}`);
      }
      if (JSON.stringify(got.defaultValue) !== JSON.stringify(arg.defaultValue)) {
        problems.push(
          `${where}(${arg.name}:) defaults to ${JSON.stringify(got.defaultValue)}, contract says ${JSON.stringify(arg.defaultValue)}`,
        );
      }
    }
  }
  for (const extra of actual.filter((a) => !wanted.some((w) => w.name === a.name))) {
    if (isNonNullType(extra.type) && extra.defaultValue === undefined) {
      problems.push(`${where}(${extra.name}:) is an added required argument`);
    }
  }
  return problems;
}

function compareFields(
  typeName: string,
  wanted: Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>,
  actual: Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>,
): string[] {
  const problems: string[] = [];
  for (const [name, field] of Object.entries(wanted)) {
    const got = actual[name];
    const where = `${typeName}.${name}`;
    if (!got) {
      problems.push(`${where} is missing`);
      continue;
    }
    if (String(got.type) !== String(field.type)) {
      problems.push(`${where} is ${got.type}, contract says ${field.type}`);
    }
    if ('args' in field && 'args' in got)
      problems.push(...compareArgs(where, field.args, got.args));
    if ('defaultValue' in field && 'defaultValue' in got) {
      if (JSON.stringify(got.defaultValue) !== JSON.stringify(field.defaultValue)) {
        problems.push(`${where} default differs from the contract`);
      }
    }
  }
  return problems;
}

function contractProblems(): string[] {
  const problems: string[] = [];
  for (const wanted of userTypes(contract)) {
    const actual = schema.getType(wanted.name);
    if (!actual) {
      problems.push(`type ${wanted.name} is missing`);
      continue;
    }
    if (kindOf(actual) !== kindOf(wanted)) {
      problems.push(`${wanted.name} is a ${kindOf(actual)}, contract says ${kindOf(wanted)}`);
      continue;
    }
    if (
      (isObjectType(wanted) || isInterfaceType(wanted)) &&
      (isObjectType(actual) || isInterfaceType(actual))
    ) {
      problems.push(...compareFields(wanted.name, wanted.getFields(), actual.getFields()));
      const implemented = actual.getInterfaces().map((i) => i.name);
      for (const iface of wanted.getInterfaces()) {
        if (!implemented.includes(iface.name))
          problems.push(`${wanted.name} does not implement ${iface.name}`);
      }
    }
    if (isInputObjectType(wanted) && isInputObjectType(actual)) {
      problems.push(...compareFields(wanted.name, wanted.getFields(), actual.getFields()));
      for (const extra of Object.values(actual.getFields())) {
        if (
          !wanted.getFields()[extra.name] &&
          isNonNullType(extra.type) &&
          extra.defaultValue === undefined
        ) {
          problems.push(`${wanted.name}.${extra.name} is an added required input field`);
        }
      }
    }
    if (isEnumType(wanted) && isEnumType(actual)) {
      const values = actual.getValues().map((v) => v.name);
      for (const value of wanted.getValues()) {
        if (!values.includes(value.name)) problems.push(`${wanted.name}.${value.name} is missing`);
      }
    }
  }
  return problems;
}

/** Types, fields, arguments, input fields and enum values of ours that have no description. */
function undescribed(): string[] {
  const missing: string[] = [];
  const blank = (d: string | null | undefined) => !d || d.trim() === '';
  for (const type of userTypes(schema)) {
    if (blank(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (blank(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (blank(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (blank(value.description)) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing;
}

describe('schema.graphql', () => {
  it('is what `npm run schema:emit` writes from the classes', () => {
    const committed = readFileSync(join(ROOT, 'schema.graphql'), 'utf8');
    const rendered = renderSchemaSDL(schema);
    if (committed !== rendered) {
      const at = committed.split('\n').findIndex((line, i) => line !== rendered.split('\n')[i]);
      throw new Error(
        `schema.graphql is stale: run \`npm run schema:emit\` (first difference at line ${at + 1})`,
      );
    }
  });

  it('starts with the generated-file header', () => {
    expect(renderSchemaSDL(schema).split('\n')[0]).toBe(
      '# Generated by npm run schema:emit from the type-graphql classes in src/schema. Do not edit.',
    );
  });
});

describe('the built schema', () => {
  it('is a valid GraphQL schema', () => {
    expect(validateSchema(schema)).toEqual([]);
  });

  it('contains every type, field, argument, default and nullability of the contract SDL', () => {
    expect(userTypes(contract).length).toBeGreaterThan(30);
    expect(contractProblems()).toEqual([]);
  });

  it('describes every type, field, argument and enum value', () => {
    expect(undescribed()).toEqual([]);
  });

  it('is built once per process', () => {
    expect(buildGatewaySchema()).toBe(schema);
  });
});
