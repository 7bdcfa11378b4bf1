import { frontmatter, textOf, walk, where, type MdFile, type MdNode } from './mdast.ts';

/** One widget placed in prose, as recorded in the page's metadata. */
export interface IslandSpec {
  slot: string;
  component: string;
  client: string;
  props: Record<string, unknown>;
  /** "content/zh/x.svx:12:1", so later checks (unknown widget, bad prop) can name the line. */
  at: string;
  /** The heading this widget sits under (slides use it as their title). */
  section: string;
  /** TeX of the last display formula before the widget, its "key formula" on a slide. */
  formula: string;
}

const TAG = /^<([A-Z][A-Za-z0-9]*)\b([\s\S]*?)(\/?)>\s*$/;
const ATTR = /([^\s=/>]+)(?:=("[^"]*"|'[^']*'|\{[\s\S]*?\}(?=\s|$)))?/g;

/**
 * A widget tag on its own line (`<SigmoidSaturation client:visible x={4} />`) becomes
 * `<slot name="island-N" />`; its component name, directive and literal props go to
 * `metadata.islands`, and the Astro page fills each slot with its own island.
 * Props must be literals: they are read here, at build time.
 */
export function remarkIslands() {
  return (tree: MdNode, file: MdFile) => {
    const islands: IslandSpec[] = [];
    let section = '';
    let formula = '';
    walk(tree, (node) => {
      if (node.type === 'heading' && (node.depth === 2 || node.depth === 3)) {
        section = textOf(node).trim();
        formula = '';
      }
      if (node.type === 'math' && typeof node.value === 'string') formula = node.value;
      if (node.type !== 'html' || typeof node.value !== 'string') return;
      const m = TAG.exec(node.value.trim());
      if (!m) return;
      const [, component, rawAttrs, selfClosing] = m;
      const at = where(file, node);
      if (!selfClosing) {
        throw new Error(`${at}: widget tag <${component}> must be self-closing (<${component} … />)`);
      }
      const { client, props } = parseAttributes(rawAttrs, at, component);
      const slot = `island-${islands.length}`;
      islands.push({ slot, component, client, props, at, section, formula });
      node.value = `<slot name="${slot}" />`;
    });
    frontmatter(file).islands = islands;
  };
}

export function parseAttributes(
  raw: string,
  at: string,
  component: string,
): { client: string; props: Record<string, unknown> } {
  let client = '';
  const props: Record<string, unknown> = {};
  const rest = raw.replace(ATTR, (_all, name: string, value: string | undefined) => {
    if (name.startsWith('client:')) {
      client = name.slice('client:'.length);
      return '';
    }
    if (value === undefined) props[name] = true;
    else if (value.startsWith('{')) props[name] = parseLiteral(value.slice(1, -1), `${at}: <${component} ${name}>`);
    else props[name] = value.slice(1, -1);
    return '';
  });
  if (rest.trim() !== '') {
    throw new Error(`${at}: cannot read the attributes of <${component}>: “${rest.trim()}”`);
  }
  if (client !== 'visible') {
    throw new Error(
      `${at}: <${component}> needs client:visible (widgets hydrate when they scroll into view)` +
        (client ? `, not client:${client}` : ''),
    );
  }
  return { client, props };
}

function parseLiteral(source: string, context: string): unknown {
  try {
    return JSON.parse(source);
  } catch {
    throw new Error(
      `${context}: props in prose must be literals (numbers, true/false, "strings", [arrays]); got {${source}}`,
    );
  }
}
