// The console's menu: one item type for every area's `menu.ts` (docs/architecture.md, "Console").

/** A menu entry an area offers: where it goes, its label (already translated), icon and test id. */
export interface MenuItem { path: string; label: string; icon: unknown; testid: string }
