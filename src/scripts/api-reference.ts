// The type reference of docs/graphql-api.md, rendered from the committed schema.graphql so the
// page cannot list a field the API does not have (or miss one it has): `npm run docs:emit`
// writes it, test/docs/graphql-api.test.ts fails when the committed page differs.
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

export const BEGIN = '<!-- BEGIN generated from schema.graphql by `npm run docs:emit` -->';
export const END = '<!-- END generated -->';

const ROOTS = ['Query', 'Mutation', 'Subscription'];

/** One line for a table cell: no pipes or newlines from a description. */
const cell = (text: string | null | undefined): string =>
  (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ')
    .replace(/\|/g, '\\|');

const argument = (arg: GraphQLArgument): string =>
  `${arg.name}: ${String(arg.type)}${arg.defaultValue === undefined ? '' : ` = ${JSON.stringify(arg.defaultValue)}`}`;

/** GitHub's anchor of a `### Name` heading: the name lowercased. */
const link = (name: string): string => `[${name}](#${name.toLowerCase()})`;

function kindOf(type: GraphQLNamedType): string {
  if (isInterfaceType(type)) return 'interface';
  if (isInputObjectType(type)) return 'input';
  if (isEnumType(type)) return 'enum';
  if (isScalarType(type)) return 'scalar';
  if (isUnionType(type)) return 'union';
  return 'type';
}

function renderType(schema: GraphQLSchema, type: GraphQLNamedType): string[] {
  const lines = [`### ${type.name}`, ''];
  const implemented = isObjectType(type) ? type.getInterfaces().map((i) => link(i.name)) : [];
  lines.push(
    `${kindOf(type)}${implemented.length ? `, implements ${implemented.join(', ')}` : ''}${type.description ? `: ${cell(type.description)}` : ''}`,
    '',
  );
  if (isInterfaceType(type)) {
    const names = schema.getPossibleTypes(type).map((t) => link(t.name));
    lines.push(`Implemented by ${names.join(', ')}.`, '');
  }
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    lines.push('| field | type | meaning |', '| --- | --- | --- |');
    for (const field of Object.values(type.getFields())) {
      const args = 'args' in field && field.args.length > 0 ? field.args.map(argument) : [];
      const name = args.length > 0 ? `${field.name}(${args.join(', ')})` : field.name;
      const deprecated = field.deprecationReason ? ` Deprecated: ${field.deprecationReason}` : '';
      lines.push(
        `| \`${name}\` | \`${String(field.type)}\` | ${cell(field.description)}${deprecated} |`,
      );
    }
    lines.push('');
  }
  if (isEnumType(type)) {
    lines.push('| value | meaning |', '| --- | --- |');
    for (const value of type.getValues()) {
      lines.push(`| \`${value.name}\` | ${cell(value.description)} |`);
    }
    lines.push('');
  }
  return lines;
}

/** The generated block, markers included, from the text of schema.graphql. */
export function renderApiReference(sdl: string): string {
  const schema = buildSchema(sdl);
  const named = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
  const builtIn = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
  const others = named
    .filter((t) => !ROOTS.includes(t.name) && !builtIn.has(t.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  const roots = ROOTS.map((name) => schema.getType(name)).filter((t) => t !== undefined);
  const lines = [BEGIN, ''];
  for (const type of [...roots, ...others]) lines.push(...renderType(schema, type));
  lines.push(END);
  return lines.join('\n');
}

/** The page with its generated block replaced (the text around it is kept as written). */
export function withApiReference(page: string, sdl: string): string {
  const start = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (start < 0 || end < start) throw new Error(`the page has no ${BEGIN} … ${END} block`);
  return page.slice(0, start) + renderApiReference(sdl) + page.slice(end + END.length);
}
