/** A listening topic of a workspace, written in the relais query language (DESIGN §5). */
export const queryKinds = ['brand', 'competitor', 'trade'] as const;
export type QueryKind = (typeof queryKinds)[number];

export interface ListeningQuery {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly kind: QueryKind;
  readonly text: string;
  readonly createdAt: Date;
}
