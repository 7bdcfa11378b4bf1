import type { APIRoute, GetStaticPaths } from 'astro';
import { oembedDocument } from '../../../lib/site/oembed.ts';
import { WIDGETS } from '../../../widgets/registry.ts';

export const getStaticPaths: GetStaticPaths = () => WIDGETS.map((w) => ({ params: { id: w.id } }));

/** oEmbed (https://oembed.com) for one widget, so platforms that read it can embed a pasted link. */
export const GET: APIRoute = ({ params, site }) =>
  new Response(JSON.stringify(oembedDocument('en', String(params.id), site), null, 2), {
    headers: { 'Content-Type': 'application/json+oembed; charset=utf-8' },
  });
