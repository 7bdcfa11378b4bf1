/** Topic groups, in display order; labels are i18n keys "group.<id>". */
export const GROUPS = ['training', 'components', 'sequence'] as const;
export type GroupId = (typeof GROUPS)[number];

export function isGroup(v: unknown): v is GroupId {
  return typeof v === 'string' && (GROUPS as readonly string[]).includes(v);
}
