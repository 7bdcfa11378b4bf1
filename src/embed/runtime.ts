/**
 * What the element needs from Svelte, and only that. A dynamic `import('svelte')` would make
 * the bundler keep a namespace object of the whole public API (and with it every export
 * it lists) in the shared kit.
 */
export { mount, unmount } from 'svelte';
