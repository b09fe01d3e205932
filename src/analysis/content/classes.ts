/** The content classes of the publishing balance check (DESIGN §2, "content balance"). */
export const contentClasses = ['promotional', 'know-how', 'personal', 'community', 'news'] as const;
export type ContentClass = (typeof contentClasses)[number];
