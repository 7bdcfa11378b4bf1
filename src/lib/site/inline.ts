/**
 * Inline scripts are kept readable in src/scripts; comments and indentation are dropped
 * when they are inlined, so every page carries as few bytes of them as possible.
 */
export function compactScript(js: string): string {
  return js
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\n\s*/g, '\n')
    .trim();
}
