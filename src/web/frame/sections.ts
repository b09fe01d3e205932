import type { MessageKey } from '../i18n/i18n.tsx';
import type { IconName } from '../ui/icons.tsx';

/** The sections of the application, in navigation order; each has its folder in sections/. */
export const SECTIONS = ['listen', 'inbox', 'publish', 'people', 'community', 'reports', 'settings'] as const;
export type SectionId = (typeof SECTIONS)[number];

export const sectionLabel = (id: SectionId): MessageKey => `nav.${id}`;
export const sectionIcon = (id: SectionId): IconName => id;

export const isSection = (v: string | undefined): v is SectionId => (SECTIONS as readonly string[]).includes(v ?? '');

export const sectionPath = (workspaceId: string, id: SectionId, rest = ''): string =>
  `/w/${encodeURIComponent(workspaceId)}/${id}${rest}`;
